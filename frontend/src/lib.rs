//! `ttc-frontend`: parses the text PyTorch prints for traced aten graphs and imports it into the
//! `aten` dialect. It is empty until the graph parser lands.
