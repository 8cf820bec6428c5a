using System.Collections.Generic;

namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        private void EmitElman() => EmitCell(EmitElmanForwardStep, EmitElmanBackwardStep, EmitElmanLooped);

        /// <summary>
        /// The recurrence of one cell kind: with <see cref="Unroll.Full"/> the pass drivers, step 1 from the zero state,
        /// then every forward step and every backward step from the last (or, with the steps in a loop, one written-out
        /// step each way that takes the step's number, see <see cref="EmitWrittenOutStepsInLoop"/>); otherwise the looped form.
        /// </summary>
        private void EmitCell(System.Action<int, bool> forwardStep, System.Action<int> backwardStep, System.Action looped)
        {
            if (spec.Unroll != Unroll.Full)
            {
                looped();
                return;
            }
            if (spec.StepsInLoop)
            {
                EmitWrittenOutStepsInLoop(forwardStep, backwardStep);
                return;
            }
            EmitUnrolledPasses();
            forwardStep(1, true);
            for (int step = 1; step <= spec.Steps; step++)
                forwardStep(step, false);
            for (int step = spec.Steps; step >= 1; step--)
                backwardStep(step);
        }

        private string HiddenFormula => spec.HiddenActivation switch
        {
            Activation.Sigmoid => "σ",
            Activation.Tanh => "tanh",
            Activation.Relu => "relu",
            _ => "identity",
        };

        // ---- Unroll.Full: one method per step, every row of the recurrent products written out. ----

        private void EmitElmanForwardStep(int step, bool fromZeroState)
        {
            string bias = spec.Bias ? " + b_h" : "";
            string recurrentPart = fromZeroState ? "" : $" + h_{StepText(step - 1)}·W_hh";
            string logit = StepsComputeLogits ? $", z_{StepText(step)} = h_{StepText(step)}·W_hy{(spec.Bias ? " + b_y" : "")}" : "";
            writer.Line($"/// <summary>Step {StepText(step)} of {spec.Steps}{(fromZeroState ? " from the zero state" : "")}: a_{StepText(step)} = x_{StepText(step)}·W_xh{bias}{recurrentPart}, h_{StepText(step)} = {HiddenFormula}(a_{StepText(step)}){logit}.</summary>");
            string projectedParameter = StepsComputeInputPart ? ", bool projected" : "";
            using (writer.Block($"{StepVisibility(step, fromZeroState)} static void {StepMethodName("ForwardStep", step, fromZeroState)}<TChunk>(ref {t} p, ref {t} w{StepParameter}{projectedParameter}) {ChunkConstraint}"))
            {
                if (StepsComputeLogits)
                    writer.Line("TChunk z = TChunk.Zero;");
                using (ChunkLoop("Hidden"))
                {
                    string projected = Load("w", "InputProjectionSequence", (step - 1) * spec.Hidden);
                    var projection = StepsComputeInputPart
                        ? new[] { ($"projected ? {projected} : InputPart<TChunk>(ref p, ref w, {StepArgument(step)}, j)", $"x_{StepText(step)}·W_xh{bias}: projected for tokens, else computed here") }
                        : new[] { (projected, $"x_{StepText(step)}·W_xh{bias}, computed before the recurrence") };
                    List<RowTerm> terms = fromZeroState ? new List<RowTerm>() : RecurrentTerms(step, 0, "W_hh");
                    string sum = ChunkSum("a", projection, terms);
                    string activation = $"TChunk.Activate<{ActivationOperator(spec.HiddenActivation)}>({sum})";
                    string target = $"ref w, {Offset("StateSequence", step * spec.Hidden)} + j);{CommentPad}// h_{StepText(step)}[j..] = {HiddenFormula}(a_{StepText(step)}[j..])";
                    if (StepsComputeLogits)
                    {
                        writer.Line($"TChunk h = {activation};");
                        writer.Line($"TChunk.Store(h, {target}");
                        writer.Line($"z = TChunk.MultiplyAdd(TChunk.ZeroLanesBelow(h, chunk - j), ref p, OutputWeights + j, z);{CommentPad}// h_{StepText(step)}[j..]·W_hy[j..]");
                    }
                    else
                    {
                        writer.Line($"TChunk.Store({activation}, {target}");
                    }
                }
                if (StepsComputeLogits)
                    writer.Line($"At(ref w, {Offset("LogitSequence", step - 1)}) = TChunk.Sum(z){(spec.Bias ? " + At(ref p, OutputBias)" : "")};{CommentPad}// z_{StepText(step)} = h_{StepText(step)}·W_hy{(spec.Bias ? " + b_y" : "")}");
            }
            writer.Line();
        }

        private void EmitElmanBackwardStep(int step)
        {
            int previous = step - 1;
            bool last = !stepInLoop && step == spec.Steps;
            string fromLater = last ? "" : $" + W_hh·da_{StepText(step + 1)}";
            writer.Line($"/// <summary>Step {StepText(step)} of {spec.Steps}, backwards: dh_{StepText(step)} = {FromAbove(step)}{fromLater}, da_{StepText(step)} = dh_{StepText(step)} ⊙ {HiddenFormula}'(a_{StepText(step)}).</summary>");
            string parameters = $"ref {t} p, ref {t} w";
            using (writer.Block($"private static void {StepMethodName("BackwardStep", step)}<TChunk>({parameters}{StepParameter}) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    string sum = ChunkSum("dh", HiddenGradientRows(step), HiddenGradientTerms(step, "PreActivationGradientSequence", "da", "W_hh"));
                    writer.Line($"TChunk da = ({sum}) * TChunk.DerivativeFromOutput<{ActivationOperator(spec.HiddenActivation)}>(TChunk.Load(ref w, {Offset("StateSequence", step * spec.Hidden)} + j));");
                    writer.Line($"TChunk.Store(da, ref w, {Offset("PreActivationGradientSequence", previous * spec.Hidden)} + j);{CommentPad}// da_{StepText(step)}[j..]");
                }
            }
            writer.Line();
        }

        // ---- Unroll.None: loops over steps, kernels over rows. ----

        private void EmitElmanLooped()
        {
            EmitLoopedForwardPass();
            writer.Line($"/// <summary>Step t: a_t = x_t·W_xh{(spec.Bias ? " + b_h" : "")} (already in the input projection) + h_(t-1)·W_hh, h_t = {HiddenFormula}(a_t).</summary>");
            using (writer.Block($"public static void ForwardStep(ref {t} p, ref {t} w, int step, bool fromZeroState)"))
            {
                writer.Line($"ref {t} a = ref At(ref w, InputProjectionSequence + ((step - 1) * Hidden));");
                writer.Line("if (step > 1 || !fromZeroState)");
                writer.Line($"    {Kernels}.AddVectorTimesMatrix(ref a, ref At(ref w, StateSequence + ((step - 1) * Hidden)), Hidden, ref At(ref p, RecurrentWeights), Hidden);");
                writer.Line($"{Kernels}.Activate<{ActivationOperator(spec.HiddenActivation)}, {t}>(ref At(ref w, StateSequence + (step * Hidden)), ref a, Hidden);");
            }
            writer.Line();

            writer.Line($"/// <summary>For each step from the last: dh_t = {LoopedFromAbove} + W_hh·da_(t+1), da_t = dh_t ⊙ {HiddenFormula}'(a_t).</summary>");
            using (writer.Block($"public static void BackwardPass(ref {t} p, ref {t} w)"))
            {
                using (writer.Block("for (int step = Steps; step >= 1; step--)"))
                {
                    EmitLoopedHiddenGradient("At(ref w, HiddenGradient)", "PreActivationGradientSequence", "Hidden");
                    writer.Line($"ref {t} preActivationGradient = ref At(ref w, PreActivationGradientSequence + ((step - 1) * Hidden));");
                    writer.Line($"{Kernels}.MultiplyByDerivative<{ActivationOperator(spec.HiddenActivation)}, {t}>(ref preActivationGradient, ref hiddenGradient, ref At(ref w, StateSequence + (step * Hidden)), Hidden);");
                }
            }
            writer.Line();
        }

        // ---- Shared by every cell. ----

        /// <summary>Unrolled: the forward and backward passes, which call the step methods in order.</summary>
        private void EmitUnrolledPasses()
        {
            string projected = StepsComputeInputPart ? ", projected" : "";
            using (BeginForwardPass($"ForwardStep1<TChunk>(ref p, ref w{projected});"))
            {
                for (int step = 2; step <= spec.Steps; step++)
                    writer.Line($"ForwardStep{step}<TChunk>(ref p, ref w{projected});");
            }
            writer.Line();
            writer.Line("/// <summary>Runs every step backwards from the last.</summary>");
            using (writer.Block($"public static void BackwardPass<TChunk>(ref {t} p, ref {t} w) {ChunkConstraint}"))
            {
                for (int step = spec.Steps; step >= 1; step--)
                    writer.Line($"BackwardStep{step}<TChunk>(ref p, ref w);");
            }
            writer.Line();
        }

        /// <summary>
        /// Opens the written-out layouts' <c>ForwardPass</c> and writes its step 1: from the zero state, or
        /// <paramref name="stepOneFromState"/> when there is one. The caller writes the later steps and closes the block.
        /// </summary>
        private SourceWriter.Scope BeginForwardPass(string stepOneFromState)
        {
            string projected = StepsComputeInputPart ? ", projected" : "";
            writer.Line($"/// <summary>Runs every step in order; step 1 skips h_0·W_h when the state starts at zero.{(StepsComputeInputPart ? " <paramref name=\"projected\"/>: the input parts are in the input projection (token inputs)." : "")}</summary>");
            SourceWriter.Scope pass = writer.Block($"public static void ForwardPass<TChunk>(ref {t} p, ref {t} w, bool fromZeroState{(StepsComputeInputPart ? ", bool projected" : "")}) {ChunkConstraint}");
            writer.Line("if (fromZeroState)");
            writer.Line($"    ForwardStep1FromZeroState<TChunk>(ref p, ref w{projected});");
            writer.Line("else");
            writer.Line($"    {stepOneFromState}");
            return pass;
        }

        /// <summary>Step 1 with a given state is also what <c>Step</c> runs, so the outer class calls it.</summary>
        private string StepVisibility(int step, bool fromZeroState) => stepInLoop || (step == 1 && !fromZeroState) ? "public" : "private";

        /// <summary>Looped: the forward pass, a loop over <c>ForwardStep</c>.</summary>
        private void EmitLoopedForwardPass()
        {
            writer.Line("/// <summary>Runs every step in order; step 1 skips h_0·W_h when the state starts at zero.</summary>");
            using (writer.Block($"public static void ForwardPass(ref {t} p, ref {t} w, bool fromZeroState)"))
            {
                writer.Line("for (int step = 1; step <= Steps; step++)");
                writer.Line("    ForwardStep(ref p, ref w, step, fromZeroState);");
            }
            writer.Line();
        }

        /// <summary>How the looped code's comments name the first part of dh_t.</summary>
        private string LoopedFromAbove => layer.IsLast ? "W_hy·dz_t" : $"dx_t of layer {layer.Number + 1}";

        /// <summary>
        /// Looped: hiddenGradient = W_hy·dz_t (+ W_h·d_(t+1) through the transposed weights); below the last layer of a
        /// stack, dx_t of the layer above in place of W_hy·dz_t.
        /// </summary>
        private void EmitLoopedHiddenGradient(string target, string laterRegion, string gateWidth)
        {
            writer.Line($"ref {t} hiddenGradient = ref {target};");
            if (!layer.IsLast)
            {
                writer.Line($"{Kernels}.Copy(ref hiddenGradient, ref At(ref w, UpperGradientSequence + ((step - 1) * Hidden)), Hidden);");
                writer.Line("if (step < Steps)");
                writer.Line($"    {Kernels}.AddVectorTimesMatrix(ref hiddenGradient, ref At(ref w, {laterRegion} + (step * {gateWidth})), {gateWidth}, ref At(ref w, RecurrentWeightsTransposed), Hidden);");
                return;
            }
            string outputRows = spec.Outputs == 1 ? "ref At(ref p, OutputWeights)" : "ref At(ref w, OutputWeightsTransposed)";
            writer.Line($"{Kernels}.VectorTimesMatrix(ref hiddenGradient, ref At(ref w, OutputGradientSequence + ((step - 1) * Outputs)), Outputs, {outputRows}, Hidden);");
            writer.Line("if (step < Steps)");
            writer.Line($"    {Kernels}.AddVectorTimesMatrix(ref hiddenGradient, ref At(ref w, {laterRegion} + (step * {gateWidth})), {gateWidth}, ref At(ref w, RecurrentWeightsTransposed), Hidden);");
        }
    }
}
