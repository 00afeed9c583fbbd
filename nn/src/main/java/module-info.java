/** Lanes nn: layers, the multi-layer perceptron, training, data and checkpoints. */
module dev.lanes.nn {
    requires transitive dev.lanes.core;

    exports dev.lanes.nn;
    exports dev.lanes.nn.data;
    exports dev.lanes.nn.io;
    exports dev.lanes.nn.examples;
}
