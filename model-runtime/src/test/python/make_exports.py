#!/usr/bin/env python3
"""Builds the ONNX test fixtures of model-runtime: one small file per shape a data scientist's export takes.

Each graph is what the named exporter produces, built with the `onnx` package alone (Debian: python3-onnx), so the
fixtures are reproducible without scikit-learn, PyTorch or LightGBM on the machine:

    python3 model-runtime/src/test/python/make_exports.py model-runtime/src/test/resources/exports

Weights are fixed numbers, chosen so that each model's ranking depends on its inputs (the tests check it does).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSETS = [helper.make_opsetid("", 15), helper.make_opsetid("ai.onnx.ml", 3)]
OFFERS = ["starter_pack", "coin_pack", "gems_500", "vip_bundle"]


def save(folder, name, nodes, inputs, outputs, initializers=()):
    graph = helper.make_graph(nodes, name, inputs, outputs, initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=OPSETS, producer_name="playerlens-fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(folder, name + ".onnx"))


def seq_of_maps(key_type):
    """seq(map(key, float)), ZipMap's output type (onnx 1.12 has no helper for map types)."""
    value = onnx.TypeProto()
    value.tensor_type.elem_type = TensorProto.FLOAT
    mapping = onnx.TypeProto()
    mapping.map_type.key_type = key_type
    mapping.map_type.value_type.CopyFrom(value)
    return helper.make_sequence_type_proto(mapping)


def linear_classifier(classes, coefficients, intercepts, input_name="X", post="SOFTMAX"):
    attrs = dict(coefficients=[float(c) for row in coefficients for c in row], intercepts=[float(i) for i in intercepts],
                 post_transform=post)
    if isinstance(classes[0], str):
        attrs["classlabels_strings"] = classes
    else:
        attrs["classlabels_ints"] = classes
    return helper.make_node("LinearClassifier", [input_name], ["label", "probability_tensor"], domain="ai.onnx.ml", **attrs)


def zipmap(classes):
    key = "classlabels_strings" if isinstance(classes[0], str) else "classlabels_int64s"
    return helper.make_node("ZipMap", ["probability_tensor"], ["output_probability"], domain="ai.onnx.ml", **{key: classes})


def sklearn_zipmap(folder, name, classes):
    """skl2onnx's default for a classifier: output_label (labels) and output_probability (ZipMap: seq(map(label, p)))."""
    coefficients = [[0.8, -0.2, 0.1], [-0.3, 0.9, 0.0], [0.1, 0.1, 0.7], [-0.5, -0.4, 1.2]]
    nodes = [linear_classifier(classes, coefficients, [0.1, 0.0, -0.1, -0.6]), zipmap(classes),
             helper.make_node("Identity", ["label"], ["output_label"])]
    label_type = TensorProto.STRING if isinstance(classes[0], str) else TensorProto.INT64
    key_type = TensorProto.STRING if isinstance(classes[0], str) else TensorProto.INT64
    save(folder, name, nodes, [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 3])],
         [helper.make_tensor_value_info("output_label", label_type, [None]),
          helper.make_value_info("output_probability", seq_of_maps(key_type)) ])


def sklearn_no_zipmap(folder):
    """skl2onnx with options={'zipmap': False}: output_label and output_probability as float [N, k]."""
    coefficients = [[0.8, -0.2, 0.1], [-0.3, 0.9, 0.0], [0.1, 0.1, 0.7], [-0.5, -0.4, 1.2]]
    nodes = [linear_classifier([0, 1, 2, 3], coefficients, [0.1, 0.0, -0.1, -0.6]),
             helper.make_node("Identity", ["label"], ["output_label"]),
             helper.make_node("Identity", ["probability_tensor"], ["output_probability"])]
    save(folder, "sklearn_no_zipmap", nodes, [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 3])],
         [helper.make_tensor_value_info("output_label", TensorProto.INT64, [None]),
          helper.make_tensor_value_info("output_probability", TensorProto.FLOAT, [None, 4])])


def torch_mlp(folder):
    """torch.onnx.export of an MLP with a symbolic batch dimension and a softmax head."""
    rng = np.random.default_rng(7)
    w1 = numpy_helper.from_array(rng.normal(0, 0.6, (3, 8)).astype(np.float32), "w1")
    b1 = numpy_helper.from_array(np.zeros(8, dtype=np.float32), "b1")
    w2 = numpy_helper.from_array(rng.normal(0, 0.6, (8, 4)).astype(np.float32), "w2")
    b2 = numpy_helper.from_array(np.zeros(4, dtype=np.float32), "b2")
    nodes = [helper.make_node("Gemm", ["input", "w1", "b1"], ["h"]), helper.make_node("Relu", ["h"], ["r"]),
             helper.make_node("Gemm", ["r", "w2", "b2"], ["logits"]), helper.make_node("Softmax", ["logits"], ["scores"], axis=1)]
    save(folder, "torch_mlp", nodes, [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 3])],
         [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", 4])], [w1, b1, w2, b2])


def double_input(folder):
    """A model exported in double precision (skl2onnx with a double input type): double in, double scores out."""
    w = numpy_helper.from_array(np.array([[0.8, -0.3, 0.1, -0.5], [-0.2, 0.9, 0.1, -0.4], [0.1, 0.0, 0.7, 1.2]]), "w")
    nodes = [helper.make_node("MatMul", ["X", "w"], ["logits"]), helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1)]
    save(folder, "double_input", nodes, [helper.make_tensor_value_info("X", TensorProto.DOUBLE, [None, 3])],
         [helper.make_tensor_value_info("probabilities", TensorProto.DOUBLE, [None, 4])], [w])


def gbdt_binary(folder):
    """LightGBM/XGBoost through onnxmltools: a binary tree ensemble, labels 0/1, ZipMap of int64 keys; NaN goes to a branch.

    Trained on one row per impression (player features + the offer's price), it scores one offer at a time.
    Inputs: spend_total_cents, purchases_total, price_cents. Tree 1 splits on price (cheap offers for non-payers),
    tree 2 on spend with missing values (NaN) sent to the "true" branch."""
    nodes_treeids = [0, 0, 0, 1, 1, 1]
    nodes_nodeids = [0, 1, 2, 0, 1, 2]
    nodes_featureids = [2, 0, 0, 0, 0, 0]
    nodes_modes = ["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LEQ", "LEAF", "LEAF"]
    nodes_values = [300.0, 0, 0, 1000.0, 0, 0]
    nodes_true = [1, 0, 0, 1, 0, 0]
    nodes_false = [2, 0, 0, 2, 0, 0]
    missing_true = [0, 0, 0, 1, 0, 0]
    class_treeids = [0, 0, 1, 1]
    class_nodeids = [1, 2, 1, 2]
    class_ids = [1, 1, 1, 1]
    class_weights = [0.8, -0.6, -0.4, 0.5]
    tree = helper.make_node("TreeEnsembleClassifier", ["X"], ["label", "probability_tensor"], domain="ai.onnx.ml",
                            classlabels_int64s=[0, 1], nodes_treeids=nodes_treeids, nodes_nodeids=nodes_nodeids,
                            nodes_featureids=nodes_featureids, nodes_modes=nodes_modes, nodes_values=nodes_values,
                            nodes_truenodeids=nodes_true, nodes_falsenodeids=nodes_false,
                            nodes_missing_value_tracks_true=missing_true, class_treeids=class_treeids,
                            class_nodeids=class_nodeids, class_ids=class_ids, class_weights=class_weights,
                            post_transform="LOGISTIC")
    nodes = [tree, zipmap([0, 1]), helper.make_node("Identity", ["label"], ["output_label"])]
    save(folder, "gbdt_binary", nodes, [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 3])],
         [helper.make_tensor_value_info("output_label", TensorProto.INT64, [None]),
          helper.make_value_info("output_probability", seq_of_maps(TensorProto.INT64))])


def candidate_scorer(folder):
    """One binary model that scores each candidate: named inputs as skl2onnx makes them from a ColumnTransformer —
    'player' (float [N, 2]: purchases_total, spend_total_cents), 'platform' and 'offer_id' (string [N, 1], one-hot
    encoded in the graph), probabilities float [N, 2] (zipmap=False)."""
    platforms = ["android", "ios", "pc"]
    nodes = [
        helper.make_node("OneHotEncoder", ["platform"], ["platform_3d"], domain="ai.onnx.ml", cats_strings=platforms, zeros=1),
        helper.make_node("OneHotEncoder", ["offer_id"], ["offer_3d"], domain="ai.onnx.ml", cats_strings=OFFERS, zeros=1),
        helper.make_node("Flatten", ["platform_3d"], ["platform_1h"], axis=1),
        helper.make_node("Flatten", ["offer_3d"], ["offer_1h"], axis=1),
        helper.make_node("Cast", ["platform_1h"], ["platform_f"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["offer_1h"], ["offer_f"], to=TensorProto.FLOAT),
        helper.make_node("Concat", ["player", "platform_f", "offer_f"], ["X"], axis=1),
        linear_classifier([0, 1], [[-0.5, -0.001, -0.2, 0.6, 0.1, 1.5, 0.2, -0.4, -1.0],
                                   [0.5, 0.001, 0.2, -0.6, -0.1, -1.5, -0.2, 0.4, 1.0]], [0.0, 0.0]),
        helper.make_node("Identity", ["label"], ["label_out"]),
        helper.make_node("Identity", ["probability_tensor"], ["probabilities"]),
    ]
    save(folder, "candidate_scorer", nodes,
         [helper.make_tensor_value_info("player", TensorProto.FLOAT, [None, 2]),
          helper.make_tensor_value_info("platform", TensorProto.STRING, [None, 1]),
          helper.make_tensor_value_info("offer_id", TensorProto.STRING, [None, 1])],
         [helper.make_tensor_value_info("label_out", TensorProto.INT64, [None]),
          helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])])


def per_offer_propensity(folder):
    """One propensity model per offer (a common notebook pattern: a binary classifier trained per SKU), skl2onnx with
    zipmap=False: probabilities float [N, 2]. Inputs: purchases_total, spend_total_cents / 1000."""
    for offer, weights in {"starter_pack": [-0.9, -0.4], "vip_bundle": [0.6, 0.5]}.items():
        coefficients = [[-w for w in weights], weights]
        nodes = [linear_classifier([0, 1], coefficients, [0.2, -0.2]),
                 helper.make_node("Identity", ["label"], ["output_label"]),
                 helper.make_node("Identity", ["probability_tensor"], ["output_probability"])]
        save(folder, "per_offer_" + offer, nodes, [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 2])],
             [helper.make_tensor_value_info("output_label", TensorProto.INT64, [None]),
              helper.make_tensor_value_info("output_probability", TensorProto.FLOAT, [None, 2])])


def main(folder):
    os.makedirs(folder, exist_ok=True)
    sklearn_zipmap(folder, "sklearn_zipmap_strings", OFFERS)
    sklearn_zipmap(folder, "sklearn_zipmap_ints", [0, 1, 2, 3])
    sklearn_no_zipmap(folder)
    torch_mlp(folder)
    double_input(folder)
    gbdt_binary(folder)
    candidate_scorer(folder)
    per_offer_propensity(folder)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "resources", "exports"))
