/** The lanes program. */
module dev.lanes.cli {
    requires dev.lanes.nn;
}
