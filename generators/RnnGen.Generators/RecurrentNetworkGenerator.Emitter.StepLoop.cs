namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>
        /// True while the emitter writes the step method that runs in a loop (<see cref="Model.NetworkSpec.StepsInLoop"/>):
        /// the cell's step emitters write step 1, <see cref="Offset"/> moves every per-step offset to the step given
        /// at run time, and the comments name the steps t − 1, t and t + 1.
        /// </summary>
        private bool stepInLoop;

        /// <summary>How a comment or summary names step <paramref name="step"/>: its number, or in the step method that runs in a loop t, (t-1), (t+1) for 1, 0, 2.</summary>
        private string StepText(int step) => !stepInLoop ? Number(step) : step switch
        {
            1 => "t",
            < 1 => $"(t-{Number(1 - step)})",
            _ => $"(t+{Number(step - 1)})",
        };

        /// <summary>The step number a written-out step passes on: a constant, or the loop's <c>step</c>.</summary>
        private string StepArgument(int step) => stepInLoop ? "step" : Number(step);

        /// <summary>The name of a step method: <c>ForwardStep3</c>, <c>ForwardStep1FromZeroState</c>, or the looped one's <c>ForwardStep</c>.</summary>
        private string StepMethodName(string pass, int step, bool fromZeroState = false) =>
            stepInLoop ? pass : $"{pass}{Number(step)}{(fromZeroState ? "FromZeroState" : "")}";

        /// <summary>The parameter the step method that runs in a loop takes after <c>ref p, ref w</c>: the step, 1-based.</summary>
        private string StepParameter => stepInLoop ? ", nint step" : "";

        /// <summary>
        /// The recurrence with its steps in a loop: step 1 from the zero state and the last step backwards (the one without
        /// a later step) written out with constant offsets, every other step by the written-out step method that takes its
        /// number. The code does not grow with the sequence.
        /// </summary>
        private void EmitWrittenOutStepsInLoop(System.Action<int, bool> forwardStep, System.Action<int> backwardStep)
        {
            string projected = StepsComputeInputPart ? ", projected" : "";
            using (BeginForwardPass($"ForwardStep<TChunk>(ref p, ref w, 1{projected});"))
            {
                writer.Line("for (nint step = 2; step <= Steps; step++)");
                writer.Line($"    ForwardStep<TChunk>(ref p, ref w, step{projected});");
            }
            writer.Line();
            writer.Line("/// <summary>Runs every step backwards from the last.</summary>");
            using (writer.Block($"public static void BackwardPass<TChunk>(ref {t} p, ref {t} w) {ChunkConstraint}"))
            {
                writer.Line($"BackwardStep{Number(spec.Steps)}<TChunk>(ref p, ref w);");
                writer.Line("for (nint step = Steps - 1; step >= 1; step--)");
                writer.Line("    BackwardStep<TChunk>(ref p, ref w, step);");
            }
            writer.Line();
            forwardStep(1, true);
            stepInLoop = true;
            forwardStep(1, false);
            backwardStep(1);
            stepInLoop = false;
            backwardStep(spec.Steps);
        }
    }
}
