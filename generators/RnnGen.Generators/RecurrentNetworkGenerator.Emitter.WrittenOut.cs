using System.Collections.Generic;

namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>
        /// The most terms one written-out sum may have: a step's input projection has one per input, a weight-gradient
        /// row one per step. Past it the sums go to the looped kernels, which keep every method within the JIT's
        /// inlining budget (see <see cref="UnrollPolicy"/>).
        /// </summary>
        private const int MaxWrittenOutTerms = 16;

        /// <summary>
        /// With <see cref="Unroll.Full"/>, the input projection of every step is written out (one term per input) when
        /// there are few inputs. The looped kernel spends more on its bookkeeping than on a product this small.
        /// </summary>
        private bool WritesOutInputProjection => WritesOutInputProjectionOf(layer);

        private bool WritesOutInputProjectionOf(LayerContext context) => spec.Unroll == Unroll.Full && context.InputWidth <= MaxWrittenOutTerms;

        /// <summary>
        /// With <see cref="Unroll.Full"/>, the weight gradients Σ_t u_t ⊗ d_t are written out (one term per step, the
        /// rows in a loop) when there are few steps.
        /// </summary>
        private bool WritesOutWeightGradients => spec.Unroll == Unroll.Full && spec.Steps <= MaxWrittenOutTerms;

        /// <summary>
        /// The unrolled Elman steps compute their own input part from dense inputs (it does not depend on h, so it runs
        /// while the previous step's activation is still in flight) and take it from the input projection only for
        /// tokens. The looped kernel that projects every step before the recurrence costs more than the multiply-adds.
        /// In a stack only the first layer does: the layers above project h_t of the layer below all at once.
        /// </summary>
        private bool StepsComputeInputPart => ComputesInputPart(layer);

        private bool ComputesInputPart(LayerContext context) => context.IsFirst && spec.Cell == CellKind.Elman && WritesOutInputProjectionOf(context)
            && LargestRecurrentStepTerms + spec.Inputs <= UnrollPolicy.MaxTermsPerStepMethod;

        private int LargestRecurrentStepTerms => UnrollPolicy.LargestStepTerms(spec.Cell, spec.Inputs, spec.Hidden, spec.Outputs);

        /// <summary>
        /// Whether the unrolled methods may run on <c>ChunkPair256</c>: only when the largest of them stays within the
        /// JIT's inlining budget for its doubled temporaries. The largest is a step method; the written-out products
        /// hold at most <see cref="MaxWrittenOutTerms"/> terms, below that budget.
        /// </summary>
        private bool MayUseChunkPairs =>
            LargestRecurrentStepTerms + (ComputesInputPart(FirstLayer) ? spec.Inputs : 0) <= UnrollPolicy.MaxTermsPerPairedMethod;

        /// <summary>
        /// The unrolled Elman steps with one output compute z_t = h_t·W_hy (+ b_y) as soon as h_t is known, hidden in the
        /// latency of the next step, instead of a pass of dot products after the recurrence. In a stack, the last layer's.
        /// </summary>
        private bool LastLayerComputesLogits => spec.Cell == CellKind.Elman && spec.Unroll == Unroll.Full && spec.Outputs == 1;

        private bool StepsComputeLogits => layer.IsLast && LastLayerComputesLogits;

        /// <summary>The current layer's generic methods behind the written-out products, each reached through <see cref="Dispatch"/>.</summary>
        private void EmitLayerWrittenOutProducts()
        {
            if (StepsComputeInputPart)
                EmitInputPart();
            else if (WritesOutInputProjection)
                EmitDenseInputProjection();
            if (!WritesOutWeightGradients)
                return;
            EmitDenseInputGradients();
            EmitRecurrentGradientRows();
        }

        /// <summary>The output layer's written-out weight gradient, when there is one.</summary>
        private void EmitOutputWrittenOutProducts()
        {
            if (WritesOutWeightGradients && spec.Outputs == 1)
                EmitOutputWeightGradients();
        }

        private string RecurrentGradientRegion => spec.Cell == CellKind.Gru ? "RecurrentGradientSequence" : "PreActivationGradientSequence";

        private void EmitDenseInputProjection()
        {
            string bias = spec.Bias ? " + b" : "";
            writer.Line($"/// <summary>x_t·W_x{bias} for every step, one term per input; the steps do not depend on each other.</summary>");
            using (writer.Block($"private static void ProjectDenseInputs<TChunk>(ref {t} p, ref {t} w) {ChunkConstraint}"))
            using (writer.Block("for (nint step = 0; step < Steps; step++)"))
            using (ChunkLoop(GateWidthExpression))
            {
                var plainRows = new List<(string, string)>();
                if (spec.Bias)
                    plainRows.Add((Load("p", "HiddenBias", 0), "b[j..]"));
                var terms = new List<RowTerm>();
                for (int i = 0; i < layer.InputWidth; i++)
                    terms.Add(new RowTerm($"TChunk.Broadcast(ref w, InputSequence + (step * {layer.InputStrideName}){Plus(i)})", RowAt("p", "InputWeights", i * spec.GateWidth), $"x_t[{i}]·W_x[{i}, j..]"));
                string sum = ChunkSum("a", plainRows, terms);
                writer.Line($"TChunk.Store({sum}, ref w, InputProjectionSequence + (step * {GateWidthExpression}) + j);");
            }
            writer.Line();
        }

        private void EmitInputPart()
        {
            string bias = spec.Bias ? " + b_h" : "";
            writer.Line($"/// <summary>x_t·W_xh{bias} for step <paramref name=\"step\"/> (1-based), chunk <paramref name=\"j\"/>, from the dense inputs: one term per input.</summary>");
            writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            using (writer.Block($"private static TChunk InputPart<TChunk>(ref {t} p, ref {t} w, nint step, nint j) {ChunkConstraint}"))
            {
                writer.Line("nint x = InputSequence + ((step - 1) * Inputs);");
                var plainRows = new List<(string, string)>();
                if (spec.Bias)
                    plainRows.Add((Load("p", "HiddenBias", 0), "b_h[j..]"));
                var terms = new List<RowTerm>();
                for (int i = 0; i < spec.Inputs; i++)
                    terms.Add(new RowTerm($"TChunk.Broadcast(ref w, x{Plus(i)})", RowAt("p", "InputWeights", i * spec.Hidden), $"x_t[{i}]·W_xh[{i}, j..]"));
                writer.Line($"return {ChunkSum("x", plainRows, terms)};");
            }
            writer.Line();
        }

        private void EmitDenseInputGradients()
        {
            writer.Line("/// <summary>dW_x += Σ_t x_t ⊗ d_t: the d_t chunks of up to eight steps stay in registers while every input row adds its terms.</summary>");
            using (writer.Block($"private static void AddDenseInputGradients<TChunk>(ref {t} w, ref {t} g) {ChunkConstraint}"))
            {
                EmitOuterProductRows("i", layer.InputWidthName, "x", recurrent: false, "InputWeights", "PreActivationGradientSequence",
                    step => $"TChunk.Broadcast(ref w, {Offset("InputSequence", (step - 1) * layer.InputStride)} + i)");
            }
            writer.Line();
        }

        private void EmitRecurrentGradientRows()
        {
            writer.Line("/// <summary>dW_h += Σ_t h_(t-1) ⊗ d_t: the d_t chunks of up to eight steps stay in registers while every row adds its terms; h_0 adds nothing when it was zero.</summary>");
            using (writer.Block($"private static void AddRecurrentGradientRows<TChunk>(ref {t} w, ref {t} g, bool fromZeroState) {ChunkConstraint}"))
            {
                EmitOuterProductRows("k", "Hidden", "h", recurrent: true, "RecurrentWeights", RecurrentGradientRegion,
                    step => $"TChunk.Broadcast(ref w, {Offset("StateSequence", (step - 1) * spec.LayerStateSize)} + k)");
            }
            writer.Line();
        }

        /// <summary>
        /// matrix[row, j..] += Σ_t scalar_t[row] · d_t[j..] for every row, a group of up to eight steps at a time: the
        /// group's d_t chunks are loaded once per chunk of columns and kept in registers across the loop over rows. For
        /// the recurrent weights the scalar of step t is h_(t-1), so step 1's d_1 counts only when h_0 was given.
        /// </summary>
        private void EmitOuterProductRows(string row, string rows, string scalarName, bool recurrent, string block, string gradientRegion, System.Func<int, string> scalar)
        {
            const int GroupSize = 8;
            using (ChunkLoop(GateWidthExpression))
            {
                for (int group = 1; group <= spec.Steps; group += GroupSize)
                {
                    int last = System.Math.Min(group + GroupSize - 1, spec.Steps);
                    for (int step = group; step <= last; step++)
                    {
                        string load = Load("w", gradientRegion, (step - 1) * spec.GateWidth);
                        writer.Line(recurrent && step == 1
                            ? $"TChunk d1 = fromZeroState ? TChunk.Zero : {load};{CommentPad}// d_1[j..], which meets h_0"
                            : $"{(group == 1 ? "TChunk " : "")}d{Number(step - group + 1)} = {load};{CommentPad}// d_{step}[j..]");
                    }
                    using (writer.Block($"for (nint {row} = 0; {row} < {rows}; {row}++)"))
                    {
                        var terms = new List<RowTerm>();
                        for (int step = group; step <= last; step++)
                        {
                            string scalarText = recurrent ? $"h_{step - 1}" : $"{scalarName}_{step}";
                            terms.Add(new RowTerm(scalar(step), $"d{Number(step - group + 1)}", $"{scalarText}[{row}]·d_{step}[j..]"));
                        }
                        writer.Line($"TChunk.Accumulate(ref g, {block} + ({row} * {GateWidthExpression}) + j, TChunk.ZeroLanesBelow({ChunkSum("s", NoRows, terms)}, chunk - j));");
                    }
                }
            }
        }

        private void EmitOutputWeightGradients()
        {
            writer.Line("/// <summary>dW_hy += Σ_t h_t · dz_t: with one output, W_hy is one column, contiguous over the hidden units.</summary>");
            using (writer.Block($"private static void AddOutputWeightGradients<TChunk>(ref {t} w, ref {t} g) {ChunkConstraint}"))
            using (ChunkLoop("Hidden"))
            {
                var terms = new List<RowTerm>();
                for (int step = 1; step <= spec.Steps; step++)
                    terms.Add(new RowTerm(Broadcast("w", "OutputGradientSequence", step - 1), RowAt("w", TopStateSequence, step * spec.LayerStateSize), $"dz_{step}·h_{step}[j..]"));
                writer.Line($"TChunk.Accumulate(ref g, OutputWeights + j, TChunk.ZeroLanesBelow({ChunkSum("d", NoRows, terms)}, chunk - j));");
            }
            writer.Line();
        }

        private static string Plus(int value) => value == 0 ? "" : $" + {Number(value)}";
    }
}
