namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>The output layer, the same for every cell: z_t = h_t·W_hy + b_y, ŷ_t = g(z_t), and the loss.</summary>
        private void EmitOutputLayer()
        {
            writer.Line("/// <summary>z_t = h_t·W_hy" + (spec.Bias ? " + b_y" : "") + $" and ŷ_t = {OutputFormula}(z_t) for step t = <paramref name=\"step\"/> (1-based).</summary>");
            writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            using (writer.Block($"private static void ForwardOutput(ref {t} p, ref {t} w, int step)"))
            {
                writer.Line($"ref {t} logits = ref At(ref w, LogitSequence + ((step - 1) * Outputs));");
                writer.Line($"{Kernels}.VectorTimesMatrix(ref logits, ref At(ref w, StateSequence + (step * StateSize)), Hidden, ref At(ref p, OutputWeights), Outputs);");
                if (spec.Bias)
                    writer.Line($"{Kernels}.Add(ref logits, ref At(ref p, OutputBias), Outputs);");
                if (spec.OutputActivation == Activation.Softmax)
                    writer.Line($"global::RnnGen.OutputLayer.Softmax<{t}>({Kernels}.Slice(ref logits, 0, Outputs), {Kernels}.Slice(ref w, OutputSequence + ((step - 1) * Outputs), Outputs));");
                else
                    writer.Line($"{Kernels}.Activate<{ActivationOperator(spec.OutputActivation)}, {t}>(ref At(ref w, OutputSequence + ((step - 1) * Outputs)), ref logits, Outputs);");
            }
            writer.Line();

            writer.Line($"/// <summary>The {spec.Loss} loss summed over every step; writes dL/dz_t for every step" + (spec.Bias ? " and adds it to the gradient of b_y" : "") + ".</summary>");
            using (writer.Block($"public static {t} OutputLoss(ref {t} w, ref {t} g, global::System.ReadOnlySpan<{t}> targets)"))
            {
                writer.Line($"{t} loss = {t}.Zero;");
                using (writer.Block("for (int at = 0; at < Steps * Outputs; at += Outputs)"))
                {
                    string outputs = $"{Kernels}.Slice(ref w, OutputSequence + at, Outputs)";
                    string logits = $"{Kernels}.Slice(ref w, LogitSequence + at, Outputs)";
                    string target = "targets.Slice(at, Outputs)";
                    string gradient = $"{Kernels}.Slice(ref w, OutputGradientSequence + at, Outputs)";
                    string call = (spec.Loss, spec.OutputActivation) switch
                    {
                        (LossKind.CrossEntropy, Activation.Softmax) => $"SoftmaxCrossEntropy<{t}>({logits}, {outputs}, {target}, {gradient})",
                        (LossKind.CrossEntropy, _) => $"SigmoidCrossEntropy<{t}>({logits}, {outputs}, {target}, {gradient})",
                        (_, Activation.Softmax) => $"SoftmaxSquaredError<{t}>({outputs}, {target}, {gradient})",
                        _ => $"SquaredError<{ActivationOperator(spec.OutputActivation)}, {t}>({outputs}, {target}, {gradient})",
                    };
                    writer.Line($"loss += global::RnnGen.OutputLayer.{call};");
                    if (spec.Bias)
                        writer.Line($"{Kernels}.Add(ref At(ref g, OutputBias), ref At(ref w, OutputGradientSequence + at), Outputs);");
                }
                writer.Line("return loss;");
            }
            writer.Line();
        }

        private string OutputFormula => spec.OutputActivation switch
        {
            Activation.Sigmoid => "σ",
            Activation.Tanh => "tanh",
            Activation.Softmax => "softmax",
            _ => "identity",
        };
    }
}
