namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>
        /// The output layer, the same for every cell and outside the recurrence, since nothing feeds back from it:
        /// z_t = h_t·W_hy + b_y for a range of steps, then ŷ = g(z) for all of them at once; the loss and its gradient
        /// dL/dz for every step; and the gradients of W_hy and b_y.
        /// </summary>
        private void EmitOutputLayer()
        {
            writer.Line("/// <summary>z_t = h_t·W_hy" + (spec.Bias ? " + b_y" : "") + $" and ŷ_t = {OutputFormula}(z_t) for steps <paramref name=\"firstStep\"/> to <paramref name=\"lastStep\"/> (1-based).</summary>");
            using (writer.Block($"public static void ForwardOutputs(ref {t} p, ref {t} w, int firstStep, int lastStep)"))
            {
                using (writer.Block("for (int step = firstStep; step <= lastStep; step++)"))
                {
                    writer.Line($"ref {t} logits = ref At(ref w, LogitSequence + ((step - 1) * Outputs));");
                    writer.Line($"{Kernels}.VectorTimesMatrix(ref logits, ref At(ref w, StateSequence + (step * StateSize)), Hidden, ref At(ref p, OutputWeights), Outputs);");
                    if (spec.Bias)
                        writer.Line($"{Kernels}.Add(ref logits, ref At(ref p, OutputBias), Outputs);");
                    if (spec.OutputActivation == Activation.Softmax)
                        writer.Line($"global::RnnGen.OutputLayer.Softmax<{t}>({Kernels}.Slice(ref logits, 0, Outputs), {Kernels}.Slice(ref w, OutputSequence + ((step - 1) * Outputs), Outputs));");
                }
                if (spec.OutputActivation != Activation.Softmax)
                {
                    writer.Line("int first = (firstStep - 1) * Outputs, count = (lastStep - firstStep + 1) * Outputs;");
                    writer.Line($"{Kernels}.Activate<{ActivationOperator(spec.OutputActivation)}, {t}>(ref At(ref w, OutputSequence + first), ref At(ref w, LogitSequence + first), count);");
                }
            }
            writer.Line();

            writer.Line($"/// <summary>The {spec.Loss} loss summed over every step; writes dL/dz_t for every step.</summary>");
            using (writer.Block($"public static {t} OutputLoss(ref {t} w, global::System.ReadOnlySpan<{t}> targets)"))
            {
                string Call(string count, string at) => (spec.Loss, spec.OutputActivation) switch
                {
                    (LossKind.CrossEntropy, Activation.Softmax) => $"SoftmaxCrossEntropy<{t}>({Slice("LogitSequence", at, count)}, {Slice("OutputSequence", at, count)}, {TargetSlice(at, count)}, {Slice("OutputGradientSequence", at, count)})",
                    (LossKind.CrossEntropy, _) => $"SigmoidCrossEntropy<{t}>({Slice("LogitSequence", at, count)}, {Slice("OutputSequence", at, count)}, {TargetSlice(at, count)}, {Slice("OutputGradientSequence", at, count)})",
                    (_, Activation.Softmax) => $"SoftmaxSquaredError<{t}>({Slice("OutputSequence", at, count)}, {TargetSlice(at, count)}, {Slice("OutputGradientSequence", at, count)})",
                    _ => $"SquaredError<{ActivationOperator(spec.OutputActivation)}, {t}>({Slice("OutputSequence", at, count)}, {TargetSlice(at, count)}, {Slice("OutputGradientSequence", at, count)})",
                };
                if (spec.OutputActivation == Activation.Softmax)
                {
                    // Softmax couples the outputs of a step, so its loss goes step by step.
                    writer.Line($"{t} loss = {t}.Zero;");
                    writer.Line("for (int at = 0; at < Steps * Outputs; at += Outputs)");
                    writer.Line($"    loss += global::RnnGen.OutputLayer.{Call("Outputs", "at")};");
                    writer.Line("return loss;");
                }
                else
                {
                    writer.Line("// An element-wise output: one call covers every step.");
                    writer.Line($"return global::RnnGen.OutputLayer.{Call("Steps * Outputs", "0")};");
                }
            }
            writer.Line();

            writer.Line("/// <summary>dW_hy += h_t ⊗ dz_t" + (spec.Bias ? " and db_y += dz_t" : "") + " for every step.</summary>");
            using (writer.Block($"public static void AddOutputGradients(ref {t} w, ref {t} g)"))
            {
                using (writer.Block("for (int step = 1; step <= Steps; step++)"))
                {
                    writer.Line($"ref {t} outputGradient = ref At(ref w, OutputGradientSequence + ((step - 1) * Outputs));");
                    writer.Line($"{Kernels}.AddOuterProduct(ref At(ref g, OutputWeights), ref At(ref w, StateSequence + (step * StateSize)), Hidden, ref outputGradient, Outputs);");
                    if (spec.Bias)
                        writer.Line($"{Kernels}.Add(ref At(ref g, OutputBias), ref outputGradient, Outputs);");
                }
            }
            writer.Line();
        }

        private string Slice(string region, string at, string count) => $"{Kernels}.Slice(ref w, {(at == "0" ? region : $"{region} + {at}")}, {count})";

        private static string TargetSlice(string at, string count) => at == "0" && count == "Steps * Outputs" ? "targets" : $"targets.Slice({at}, {count})";

        private string OutputFormula => spec.OutputActivation switch
        {
            Activation.Sigmoid => "σ",
            Activation.Tanh => "tanh",
            Activation.Softmax => "softmax",
            _ => "identity",
        };
    }
}
