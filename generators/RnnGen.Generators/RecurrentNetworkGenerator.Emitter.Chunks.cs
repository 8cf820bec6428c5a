using System;
using System.Collections.Generic;

namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>
        /// One written-out row of a chunked vector-matrix product: <c>Scalar · Row</c>, with the math it stands for. The
        /// row is either a chunk already in a register (<see cref="Row"/>) or a chunk in memory (<see cref="RowInMemory"/>),
        /// which the chunk types fold into the multiply-add instruction.
        /// </summary>
        private readonly struct RowTerm
        {
            public RowTerm(string scalar, string row, string comment)
            {
                Scalar = scalar;
                Row = row;
                RowInMemory = null;
                Comment = comment;
            }

            public RowTerm(string scalar, ChunkRow row, string comment)
            {
                Scalar = scalar;
                Row = row.Load;
                RowInMemory = row;
                Comment = comment;
            }

            public string Scalar { get; }

            public string Row { get; }

            public ChunkRow? RowInMemory { get; }

            public string Comment { get; }

            /// <summary><c>Scalar · Row</c>.</summary>
            public string Product => RowInMemory is ChunkRow memory
                ? $"TChunk.Multiply({Scalar}, ref {memory.Origin}, {memory.Offset})"
                : $"{Scalar} * {Row}";

            /// <summary><c>Scalar · Row + addend</c>.</summary>
            public string MultiplyAdd(string addend) => RowInMemory is ChunkRow memory
                ? $"TChunk.MultiplyAdd({Scalar}, ref {memory.Origin}, {memory.Offset}, {addend})"
                : $"TChunk.MultiplyAdd({Scalar}, {Row}, {addend})";
        }

        /// <summary>The chunk of a row that starts <c>Offset</c> elements after <c>Origin</c>.</summary>
        private readonly struct ChunkRow
        {
            public ChunkRow(string origin, string offset)
            {
                Origin = origin;
                Offset = offset;
            }

            public string Origin { get; }

            public string Offset { get; }

            public string Load => $"TChunk.Load(ref {Origin}, {Offset})";
        }

        /// <summary>
        /// Opens the loop over chunks of a row of <paramref name="width"/> elements; <c>j</c> is the chunk's first column.
        /// The last chunk of a row that is not a multiple of the chunk width overlaps the one before it.
        /// </summary>
        /// <remarks>
        /// The exit test sits at the bottom and first asks whether one chunk covers the row: that is a JIT-time constant,
        /// so where it holds the JIT sees no loop at all. A loop that runs once still counts as a loop, and the JIT then
        /// hoists every constant of the sigmoid into registers ahead of it; with two 512-bit registers per accumulator
        /// that spilled values to the stack, whose alignment differs from process to process (the 2-16-1 double adder
        /// on <c>ChunkPair512</c>: 667 or 750 ns per training step by stack offset, 679 ns at every offset without the
        /// loop; float forward 207 → 186 ns).
        /// </remarks>
        private SourceWriter.Scope ChunkLoop(string width)
        {
            SourceWriter.Scope scope = writer.Block($"for (int chunk = 0; ; chunk += TChunk.Count)",
                $"if (TChunk.Count >= {width} || chunk + TChunk.Count >= {width}) break;");
            writer.Line($"nint j = global::System.Math.Min(chunk, {width} - TChunk.Count);");
            return scope;
        }

        /// <summary>
        /// Writes Σ terms (plus rows added as they are, such as biases) into up to four accumulators, so several
        /// multiply-adds are in flight at once instead of one dependent chain, and returns the expression that adds the
        /// accumulators up.
        /// </summary>
        /// <remarks>
        /// Four: a step's sum sits on the recurrent chain, where each level of the final tree of adds costs a full add
        /// latency, and four chains already keep a row term a cycle going (2-16-1 adder on Zen 4, training step and
        /// forward pass, float: 400 / 186 ns with six, 397 / 185 with five, 389 / 181 with four, 400 / 187 with
        /// three; double: 679 / 318, 672 / 316, 659 / 311, 652 / 310). On the AVX2 EPYC of an earlier round four was
        /// best as well (float forward 248 ns, six 256, eight 275, where eight also spilled).
        /// </remarks>
        private string ChunkSum(string name, IReadOnlyList<(string Row, string Comment)> plainRows, IReadOnlyList<RowTerm> terms)
        {
            int count = terms.Count + plainRows.Count;
            if (count == 0)
                return "TChunk.Zero";
            int accumulators = Math.Min(4, count);
            var started = new bool[accumulators];
            int next = 0;
            foreach ((string row, string comment) in plainRows)
            {
                int accumulator = next++ % accumulators;
                string variable = $"{name}{Number(accumulator)}";
                writer.Line(started[accumulator]
                    ? $"{variable} += {row};{CommentPad}// {comment}"
                    : $"TChunk {variable} = {row};{CommentPad}// {comment}");
                started[accumulator] = true;
            }
            foreach (RowTerm term in terms)
            {
                int accumulator = next++ % accumulators;
                string variable = $"{name}{Number(accumulator)}";
                writer.Line(started[accumulator]
                    ? $"{variable} = {term.MultiplyAdd(variable)};{CommentPad}// {term.Comment}"
                    : $"TChunk {variable} = {term.Product};{CommentPad}// {term.Comment}");
                started[accumulator] = true;
            }
            return Tree(name, 0, accumulators);
        }

        /// <summary>The accumulators first .. first + count − 1 added as a balanced tree, so the additions run in parallel.</summary>
        private static string Tree(string name, int first, int count)
        {
            if (count == 1)
                return $"{name}{Number(first)}";
            int half = (count + 1) / 2;
            string left = Tree(name, first, half), right = Tree(name, first + half, count - half);
            return $"{(half > 1 ? $"({left})" : left)} + {(count - half > 1 ? $"({right})" : right)}";
        }

        private static readonly (string Row, string Comment)[] NoRows = new (string, string)[0];

        /// <summary>The rows of h_{t-1}·W_h[:, column ..] for one step: one term per hidden unit.</summary>
        private List<RowTerm> RecurrentTerms(int step, int column, string matrixName)
        {
            var terms = new List<RowTerm>();
            for (int k = 0; k < spec.Hidden; k++)
                terms.Add(new RowTerm(Broadcast("w", "StateSequence", ((step - 1) * spec.LayerStateSize) + k), RowAt("p", "RecurrentWeights", (k * spec.GateWidth) + column), $"h_{StepText(step - 1)}[{k}]·{matrixName}[{k}, {ColumnText(column)}]"));
            return terms;
        }

        /// <summary>
        /// The rows of dh_t = W_hy·dz_t + W_h·d_{t+1} for one step, through the transposed weights; below the last layer of
        /// a stack the W_hy rows give way to the gradient from the layer above (<see cref="HiddenGradientRows"/>).
        /// </summary>
        private List<RowTerm> HiddenGradientTerms(int step, string laterRegion, string laterName, string matrixName)
        {
            var terms = new List<RowTerm>();
            for (int o = 0; o < (layer.IsLast ? spec.Outputs : 0); o++)
            {
                ChunkRow row = spec.Outputs == 1 ? RowAt("p", "OutputWeights", 0) : RowAt("w", "OutputWeightsTransposed", o * spec.Hidden);
                terms.Add(new RowTerm(Broadcast("w", "OutputGradientSequence", ((step - 1) * spec.Outputs) + o), row, $"dz_{StepText(step)}[{o}]·W_hy[j.., {o}]"));
            }
            if (stepInLoop || step < spec.Steps)
            {
                for (int c = 0; c < spec.GateWidth; c++)
                    terms.Add(new RowTerm(Broadcast("w", laterRegion, (step * spec.GateWidth) + c), RowAt("w", "RecurrentWeightsTransposed", c * spec.Hidden), $"{laterName}_{StepText(step + 1)}[{c}]·{matrixName}[j.., {c}]"));
            }
            return terms;
        }

        /// <summary>Below the last layer of a stack: dx_t of the layer above, added to dh_t as it is (the layer above wrote it).</summary>
        private IReadOnlyList<(string Row, string Comment)> HiddenGradientRows(int step) => layer.IsLast
            ? NoRows
            : new[] { (Load("w", "UpperGradientSequence", (step - 1) * spec.Hidden), $"dx_{StepText(step)}[j..] of layer {layer.Number + 1}") };

        /// <summary>How the first part of dh_t reads in a comment: <c>W_hy·dz_t</c>, or the gradient from the layer above.</summary>
        private string FromAbove(int step) => layer.IsLast ? $"W_hy·dz_{StepText(step)}" : $"dx_{StepText(step)} of layer {layer.Number + 1}";

        /// <summary>How a column offset reads in a comment: <c>j..</c>, or <c>32 + j..</c> inside a gate block.</summary>
        private static string ColumnText(int column) => column == 0 ? "j.." : $"{Number(column)} + j..";

        private const string CommentPad = "   ";

        /// <summary><c>TChunk.Broadcast(ref origin, Region + offset)</c>: one element repeated across the chunk.</summary>
        private string Broadcast(string origin, string region, int offset) => $"TChunk.Broadcast(ref {origin}, {Offset(region, offset)})";

        /// <summary><c>TChunk.Load(ref origin, Region + offset + j)</c>: the chunk of a row starting at column j.</summary>
        private string Load(string origin, string region, int offset) => RowAt(origin, region, offset).Load;

        /// <summary>The chunk of a row starting at column j of <c>Region + offset</c>, for a row term.</summary>
        private ChunkRow RowAt(string origin, string region, int offset) => new ChunkRow(origin, $"{Offset(region, offset)} + j");
    }
}
