/** Lanes nn: layers, the multi-layer perceptron, training, data and checkpoints. */
module dev.lanes.nn {
    requires transitive dev.lanes.core;
}
