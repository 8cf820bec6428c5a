using System.Collections.Generic;

namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        private void EmitElman()
        {
            if (spec.Unroll == Unroll.Full)
            {
                EmitElmanForwardUnrolled();
                EmitElmanBackwardUnrolled();
            }
            else
            {
                EmitElmanForwardLooped();
                EmitElmanBackwardLooped();
            }
        }

        private string HiddenFormula => spec.HiddenActivation switch
        {
            Activation.Sigmoid => "σ",
            Activation.Tanh => "tanh",
            Activation.Relu => "relu",
            _ => "identity",
        };

        // ---- Unroll.Full: one method per step, every row of every product written out. ----

        private void EmitElmanForwardUnrolled()
        {
            writer.Line("/// <summary>Runs every step in order; step 1 skips h_0·W_hh when the state starts at zero.</summary>");
            using (writer.Block($"public static void ForwardPass<TChunk>(ref {t} p, ref {t} w, bool fromZeroState) {ChunkConstraint}"))
            {
                writer.Line("if (fromZeroState)");
                writer.Line("    ForwardStep1FromZeroState<TChunk>(ref p, ref w);");
                writer.Line("else");
                writer.Line("    ForwardStep1<TChunk>(ref p, ref w);");
                for (int step = 2; step <= spec.Steps; step++)
                    writer.Line($"ForwardStep{step}<TChunk>(ref p, ref w);");
            }
            writer.Line();
            EmitElmanForwardStep(1, fromZeroState: true);
            for (int step = 1; step <= spec.Steps; step++)
                EmitElmanForwardStep(step, fromZeroState: false);
        }

        private void EmitElmanForwardStep(int step, bool fromZeroState)
        {
            int previous = step - 1;
            bool recurrent = !fromZeroState;
            string bias = spec.Bias ? " + b_h" : "";
            string recurrentPart = recurrent ? $" + h_{previous}·W_hh" : "";
            writer.Line($"/// <summary>Step {step} of {spec.Steps}{(fromZeroState ? " from the zero state" : "")}: a_{step} = x_{step}·W_xh{recurrentPart}{bias}, h_{step} = {HiddenFormula}(a_{step}), then z_{step} and ŷ_{step}.</summary>");
            using (writer.Block($"private static void ForwardStep{step}{(fromZeroState ? "FromZeroState" : "")}<TChunk>(ref {t} p, ref {t} w) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    List<RowTerm> terms = InputTerms(step, 0, "W_xh");
                    if (recurrent)
                        terms.AddRange(RecurrentTerms(step, 0, "W_hh"));
                    (string, string)[] biasRow = spec.Bias ? new[] { (Load("p", "HiddenBias", 0), "b_h[j..]") } : NoRows;
                    string sum = ChunkSum("a", biasRow, terms);
                    writer.Line($"TChunk.Store(TChunk.Activate<{ActivationOperator(spec.HiddenActivation)}>({sum}), ref w, {Offset("StateSequence", step * spec.Hidden)} + j);{CommentPad}// h_{step}[j..] = {HiddenFormula}(a_{step}[j..])");
                }
                writer.Line($"ForwardOutput(ref p, ref w, {step});");
            }
            writer.Line();
        }

        private void EmitElmanBackwardUnrolled()
        {
            writer.Line("/// <summary>Runs every step backwards from the last; step 1 skips the W_hh gradient when h_0 was zero.</summary>");
            using (writer.Block($"public static void BackwardPass<TChunk>(ref {t} p, ref {t} w, ref {t} g, bool fromZeroState) {ChunkConstraint}"))
            {
                for (int step = spec.Steps; step >= 2; step--)
                    writer.Line($"BackwardStep{step}<TChunk>(ref p, ref w, ref g);");
                writer.Line("BackwardStep1<TChunk>(ref p, ref w, ref g, fromZeroState);");
            }
            writer.Line();
            for (int step = spec.Steps; step >= 1; step--)
                EmitElmanBackwardStep(step);
        }

        private void EmitElmanBackwardStep(int step)
        {
            int previous = step - 1;
            bool last = step == spec.Steps, first = step == 1;
            string fromLater = last ? "" : $" + W_hh·da_{step + 1}";
            writer.Line($"/// <summary>Step {step} of {spec.Steps}, backwards: dh_{step} = W_hy·dz_{step}{fromLater}, da_{step} = dh_{step} ⊙ {HiddenFormula}'(a_{step}), and the gradients it adds.</summary>");
            string parameters = $"ref {t} p, ref {t} w, ref {t} g" + (first ? ", bool fromZeroState" : "");
            using (writer.Block($"private static void BackwardStep{step}<TChunk>({parameters}) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    string sum = ChunkSum("dh", NoRows, HiddenGradientTerms(step, "PreActivationGradientSequence", "da", "W_hh"));
                    writer.Line($"TChunk da = ({sum}) * TChunk.DerivativeFromOutput<{ActivationOperator(spec.HiddenActivation)}>(TChunk.Load(ref w, {Offset("StateSequence", step * spec.Hidden)} + j));");
                    writer.Line($"TChunk.Store(da, ref w, {Offset("PreActivationGradientSequence", previous * spec.Hidden)} + j);{CommentPad}// da_{step}[j..]");
                    writer.Line();
                    writer.Line("// Weight gradients; lanes this chunk shares with the one before it were added there already.");
                    writer.Line("da = TChunk.ZeroLanesBelow(da, chunk - j);");
                    for (int i = 0; i < spec.Inputs; i++)
                        writer.Line($"TChunk.AddProduct(ref g, {Offset("InputWeights", i * spec.Hidden)} + j, {Broadcast("w", "InputSequence", (previous * spec.Inputs) + i)}, da);{CommentPad}// dW_xh[{i}, j..] += x_{step}[{i}]·da_{step}[j..]");
                    if (first)
                    {
                        writer.Line("if (!fromZeroState)");
                        writer.Indent();
                        writer.Line("{");
                    }
                    for (int k = 0; k < spec.Hidden; k++)
                        writer.Line($"TChunk.AddProduct(ref g, {Offset("RecurrentWeights", k * spec.Hidden)} + j, {Broadcast("w", "StateSequence", (previous * spec.Hidden) + k)}, da);{CommentPad}// dW_hh[{k}, j..] += h_{previous}[{k}]·da_{step}[j..]");
                    if (first)
                    {
                        writer.Line("}");
                        writer.Unindent();
                    }
                    if (spec.Bias)
                        writer.Line($"TChunk.Accumulate(ref g, HiddenBias + j, da);{CommentPad}// db_h[j..] += da_{step}[j..]");
                }
                writer.Line($"{Kernels}.AddOuterProduct(ref At(ref g, OutputWeights), ref At(ref w, {Offset("StateSequence", step * spec.Hidden)}), Hidden, ref At(ref w, {Offset("OutputGradientSequence", previous * spec.Outputs)}), Outputs);{CommentPad}// dW_hy += h_{step} ⊗ dz_{step}");
            }
            writer.Line();
        }

        // ---- Unroll.None: loops over steps, kernels over rows. ----

        private void EmitElmanForwardLooped()
        {
            writer.Line($"/// <summary>For each step: a_t = x_t·W_xh + h_(t-1)·W_hh{(spec.Bias ? " + b_h" : "")}, h_t = {HiddenFormula}(a_t), then z_t and ŷ_t.</summary>");
            using (writer.Block($"public static void ForwardPass(ref {t} p, ref {t} w, bool fromZeroState)"))
            {
                using (writer.Block("for (int step = 1; step <= Steps; step++)"))
                {
                    writer.Line($"ref {t} a = ref At(ref w, PreActivation);");
                    writer.Line($"{Kernels}.VectorTimesMatrix(ref a, ref At(ref w, InputSequence + ((step - 1) * Inputs)), Inputs, ref At(ref p, InputWeights), Hidden);");
                    writer.Line("if (step > 1 || !fromZeroState)");
                    writer.Line($"    {Kernels}.AddVectorTimesMatrix(ref a, ref At(ref w, StateSequence + ((step - 1) * Hidden)), Hidden, ref At(ref p, RecurrentWeights), Hidden);");
                    if (spec.Bias)
                        writer.Line($"{Kernels}.Add(ref a, ref At(ref p, HiddenBias), Hidden);");
                    writer.Line($"{Kernels}.Activate<{ActivationOperator(spec.HiddenActivation)}, {t}>(ref At(ref w, StateSequence + (step * Hidden)), ref a, Hidden);");
                    writer.Line("ForwardOutput(ref p, ref w, step);");
                }
            }
            writer.Line();
        }

        private void EmitElmanBackwardLooped()
        {
            writer.Line($"/// <summary>For each step from the last: dh_t = W_hy·dz_t + W_hh·da_(t+1), da_t = dh_t ⊙ {HiddenFormula}'(a_t), and the gradients it adds.</summary>");
            using (writer.Block($"public static void BackwardPass(ref {t} p, ref {t} w, ref {t} g, bool fromZeroState)"))
            {
                using (writer.Block("for (int step = Steps; step >= 1; step--)"))
                {
                    writer.Line($"ref {t} hidden = ref At(ref w, StateSequence + (step * Hidden));");
                    writer.Line($"ref {t} outputGradient = ref At(ref w, OutputGradientSequence + ((step - 1) * Outputs));");
                    writer.Line($"ref {t} hiddenGradient = ref At(ref w, HiddenGradient);");
                    writer.Line($"ref {t} preActivationGradient = ref At(ref w, PreActivationGradientSequence + ((step - 1) * Hidden));");
                    string outputRows = spec.Outputs == 1 ? "ref At(ref p, OutputWeights)" : "ref At(ref w, OutputWeightsTransposed)";
                    writer.Line($"{Kernels}.VectorTimesMatrix(ref hiddenGradient, ref outputGradient, Outputs, {outputRows}, Hidden);");
                    writer.Line("if (step < Steps)");
                    writer.Line($"    {Kernels}.AddVectorTimesMatrix(ref hiddenGradient, ref At(ref w, PreActivationGradientSequence + (step * Hidden)), Hidden, ref At(ref w, RecurrentWeightsTransposed), Hidden);");
                    writer.Line($"{Kernels}.MultiplyByDerivative<{ActivationOperator(spec.HiddenActivation)}, {t}>(ref preActivationGradient, ref hiddenGradient, ref hidden, Hidden);");
                    writer.Line();
                    writer.Line($"{Kernels}.AddOuterProduct(ref At(ref g, InputWeights), ref At(ref w, InputSequence + ((step - 1) * Inputs)), Inputs, ref preActivationGradient, Hidden);");
                    writer.Line("if (step > 1 || !fromZeroState)");
                    writer.Line($"    {Kernels}.AddOuterProduct(ref At(ref g, RecurrentWeights), ref At(ref w, StateSequence + ((step - 1) * Hidden)), Hidden, ref preActivationGradient, Hidden);");
                    if (spec.Bias)
                        writer.Line($"{Kernels}.Add(ref At(ref g, HiddenBias), ref preActivationGradient, Hidden);");
                    writer.Line($"{Kernels}.AddOuterProduct(ref At(ref g, OutputWeights), ref hidden, Hidden, ref outputGradient, Outputs);");
                }
            }
            writer.Line();
        }
    }
}
