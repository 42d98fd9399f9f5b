package io.playerlens.models.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.models.descriptor.DescriptorException;
import io.playerlens.models.descriptor.ModelDescriptor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model served with ONNX Runtime: one row of the descriptor's features in, one score per output offer
 * out. The session is created once, and warmed up, when the model loads.
 */
public final class OnnxOfferModel implements OfferModel, AutoCloseable {
    private final OrtSession session;
    private final String inputName;
    private final ModelDescriptor descriptor;
    private final List<Offer> outputOffers;

    public OnnxOfferModel(ModelDescriptor descriptor) {
        this.descriptor = descriptor;
        try {
            session = OnnxEnvironment.get().createSession(descriptor.modelFile().toString(), new OrtSession.SessionOptions());
            inputName = session.getInputNames().iterator().next();
            checkShapes();
        } catch (OrtException e) {
            throw new DescriptorException(descriptor.modelFile().toString(), List.of("ONNX Runtime cannot load it: " + e.getMessage()));
        }
        outputOffers = descriptor.outputOffers().stream()
                .map(id -> descriptor.offers().stream().filter(o -> o.offerId().equals(id)).findFirst().orElseThrow()).toList();
    }

    private void checkShapes() throws OrtException {
        List<String> problems = new ArrayList<>();
        if (session.getNumInputs() != 1) {
            problems.add("the model has " + session.getNumInputs() + " inputs; playerlens feeds one row of features");
        }
        NodeInfo input = session.getInputInfo().get(inputName);
        long[] inputShape = ((TensorInfo) input.getInfo()).getShape();
        long width = inputShape[inputShape.length - 1];
        if (width > 0 && width != descriptor.features().size()) {
            problems.add("the model's input " + inputName + " takes " + width + " features; the descriptor lists "
                    + descriptor.features().size());
        }
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        NodeInfo output = outputs.get(descriptor.outputName());
        if (output == null) {
            problems.add("output.name " + descriptor.outputName() + " is not an output of the model; it has " + outputs.keySet());
        } else {
            long[] shape = ((TensorInfo) output.getInfo()).getShape();
            long scores = shape[shape.length - 1];
            if (scores > 0 && scores != descriptor.outputOffers().size()) {
                problems.add("output " + descriptor.outputName() + " gives " + scores + " scores; output.offers lists "
                        + descriptor.outputOffers().size());
            }
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(descriptor.modelFile().toString(), problems);
        }
    }

    @Override
    public List<ScoredOffer> score(ModelInput input) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(OnnxEnvironment.get(), FloatBuffer.wrap(input.vector()), new long[] {1, input.vector().length});
             OrtSession.Result result = session.run(Map.of(inputName, tensor), java.util.Set.of(descriptor.outputName()))) {
            float[][] scores = (float[][]) result.get(0).getValue();
            List<ScoredOffer> scored = new ArrayList<>(outputOffers.size());
            for (int i = 0; i < outputOffers.size(); i++) {
                scored.add(new ScoredOffer(outputOffers.get(i), scores[0][i]));
            }
            return scored;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
