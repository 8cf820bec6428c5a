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
            string logits = "z_t = h_t·W_hy" + (spec.Bias ? " + b_y" : "");
            writer.Line(LastLayerComputesLogits
                ? $"/// <summary>ŷ_t = {OutputFormula}(z_t) for steps <paramref name=\"firstStep\"/> to <paramref name=\"lastStep\"/> (1-based); each step has computed {logits}.</summary>"
                : $"/// <summary>{logits} and ŷ_t = {OutputFormula}(z_t) for steps <paramref name=\"firstStep\"/> to <paramref name=\"lastStep\"/> (1-based).</summary>");
            using (writer.Block($"public static void ForwardOutputs(ref {t} p, ref {t} w, int firstStep, int lastStep)"))
            {
                writer.Line("int first = (firstStep - 1) * Outputs, count = lastStep - firstStep + 1;");
                if (!LastLayerComputesLogits)
                {
                    writer.Line($"{Kernels}.MatrixTimesMatrix(ref At(ref w, LogitSequence + first), Outputs, ref At(ref w, {TopStateSequence} + (firstStep * {StateSizeName})), {StateSizeName}, count, Hidden,");
                    writer.Line($"    ref At(ref p, OutputWeights), Outputs{(spec.Bias ? ", ref At(ref p, OutputBias)" : "")});");
                }
                if (spec.OutputActivation == Activation.Softmax)
                {
                    writer.Line("for (int at = first; at < first + (count * Outputs); at += Outputs)");
                    writer.Line($"    global::RnnGen.OutputLayer.Softmax<{t}>({Kernels}.Slice(ref w, LogitSequence + at, Outputs), {Kernels}.Slice(ref w, OutputSequence + at, Outputs));");
                }
                else
                {
                    writer.Line($"{Kernels}.Activate<{ActivationOperator(spec.OutputActivation)}, {t}>(ref At(ref w, OutputSequence + first), ref At(ref w, LogitSequence + first), count * Outputs);");
                }
            }
            writer.Line();

            writer.Line(spec.LossReduction == LossReduction.Mean
                ? $"/// <summary>The {spec.Loss} loss, the mean over the steps of each step's sum over the outputs; writes dL/dz_t for every step.</summary>"
                : $"/// <summary>The {spec.Loss} loss summed over every step; writes dL/dz_t for every step.</summary>");
            using (writer.Block($"public static {t} OutputLoss(ref {t} w, global::System.ReadOnlySpan<{t}> targets)"))
            {
                EmitLoss("w", TargetSlice, "return");
            }
            writer.Line();

            writer.Line("/// <summary>dW_hy += Σ_t h_t ⊗ dz_t" + (spec.Bias ? " and db_y += Σ_t dz_t" : "") + ".</summary>");
            using (writer.Block($"public static void AddOutputGradients(ref {t} w, ref {t} g)"))
            {
                if (WritesOutWeightGradients && spec.Outputs == 1)
                    Dispatch("AddOutputWeightGradients", "ref w, ref g");
                else
                    writer.Line($"{Kernels}.AddOuterProducts(ref At(ref g, OutputWeights), ref At(ref w, {TopStateSequence} + {StateSizeName}), {StateSizeName}, Hidden, ref At(ref w, OutputGradientSequence), Outputs, Outputs, Steps);");
                if (spec.Bias)
                    writer.Line($"{Kernels}.AddRows(ref At(ref g, OutputBias), ref At(ref w, OutputGradientSequence), Outputs, Steps, Outputs);");
            }
            writer.Line();
        }

        /// <summary>Where the output layer reads h_t: the (last) layer's state sequence.</summary>
        private string TopStateSequence => LastLayer.Member("StateSequence");

        /// <summary>
        /// The statements that compute the loss of one sequence in the workspace at <paramref name="origin"/> and hand it
        /// to <paramref name="result"/> (<c>return</c>, or an assignment): the loss function over every step (softmax
        /// step by step), then with <see cref="LossReduction.Mean"/> the division by the number of steps.
        /// </summary>
        private void EmitLoss(string origin, System.Func<string, string, string> targets, string result)
        {
            string Call(string count, string at) => LossCall(origin, at, count, targets(at, count));
            bool mean = spec.LossReduction == LossReduction.Mean;
            if (spec.OutputActivation == Activation.Softmax)
            {
                // Softmax couples the outputs of a step, so its loss goes step by step.
                writer.Line($"{t} loss = {t}.Zero;");
                writer.Line("for (int at = 0; at < Steps * Outputs; at += Outputs)");
                writer.Line($"    loss += global::RnnGen.OutputLayer.{Call("Outputs", "at")};");
            }
            else
            {
                writer.Line("// An element-wise output: one call covers every step.");
                writer.Line($"{(mean ? $"{t} loss =" : result)} global::RnnGen.OutputLayer.{Call("Steps * Outputs", "0")};");
            }
            if (mean)
            {
                writer.Line("// LossReduction.Mean: the loss and every dL/dz_t divided by the number of steps.");
                writer.Line($"{result} global::RnnGen.LossReductions.MeanOverSteps<{t}>(loss, {Slice(origin, "OutputGradientSequence", "0", "Steps * Outputs")}, Steps);");
            }
            else if (spec.OutputActivation == Activation.Softmax)
            {
                writer.Line($"{result} loss;");
            }
        }

        /// <summary>The call of the loss function over <paramref name="count"/> outputs from <paramref name="at"/> in the workspace at <paramref name="origin"/>.</summary>
        private string LossCall(string origin, string at, string count, string targets) => (spec.Loss, spec.OutputActivation) switch
        {
            (LossKind.CrossEntropy, Activation.Softmax) => $"SoftmaxCrossEntropy<{t}>({Slice(origin, "LogitSequence", at, count)}, {Slice(origin, "OutputSequence", at, count)}, {targets}, {Slice(origin, "OutputGradientSequence", at, count)})",
            (LossKind.CrossEntropy, _) => $"SigmoidCrossEntropy<{t}>({Slice(origin, "LogitSequence", at, count)}, {Slice(origin, "OutputSequence", at, count)}, {targets}, {Slice(origin, "OutputGradientSequence", at, count)})",
            (_, Activation.Softmax) => $"SoftmaxSquaredError<{t}>({Slice(origin, "OutputSequence", at, count)}, {targets}, {Slice(origin, "OutputGradientSequence", at, count)})",
            _ => $"SquaredError<{ActivationOperator(spec.OutputActivation)}, {t}>({Slice(origin, "OutputSequence", at, count)}, {targets}, {Slice(origin, "OutputGradientSequence", at, count)})",
        };

        private static string Slice(string origin, string region, string at, string count) => $"{Kernels}.Slice(ref {origin}, {(at == "0" ? region : $"{region} + {at}")}, {count})";

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
