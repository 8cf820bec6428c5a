using System;
using System.Collections.Generic;

namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>One written-out row of a chunked vector-matrix product: <c>Scalar · Row</c>, with the math it stands for.</summary>
        private readonly struct RowTerm
        {
            public RowTerm(string scalar, string row, string comment)
            {
                Scalar = scalar;
                Row = row;
                Comment = comment;
            }

            public string Scalar { get; }

            public string Row { get; }

            public string Comment { get; }
        }

        /// <summary>
        /// Opens the loop over chunks of a row of <paramref name="width"/> elements; <c>j</c> is the chunk's first column.
        /// The last chunk of a row that is not a multiple of the chunk width overlaps the one before it.
        /// </summary>
        private SourceWriter.Scope ChunkLoop(string width)
        {
            SourceWriter.Scope scope = writer.Block($"for (int chunk = 0; chunk < {width}; chunk += TChunk.Count)");
            writer.Line($"int j = global::System.Math.Min(chunk, {width} - TChunk.Count);");
            return scope;
        }

        /// <summary>
        /// Writes Σ terms (plus an optional starting row) into up to four accumulators, so several multiply-adds are in
        /// flight at once instead of one dependent chain, and returns the expression that adds the accumulators up.
        /// </summary>
        private string ChunkSum(string name, (string Row, string Comment)? start, IReadOnlyList<RowTerm> terms)
        {
            int count = terms.Count + (start is null ? 0 : 1);
            if (count == 0)
                return "TChunk.Zero";
            int accumulators = Math.Min(4, count);
            var started = new bool[accumulators];
            int next = 0;
            if (start is { } first)
            {
                writer.Line($"TChunk {name}0 = {first.Row};{CommentPad}// {first.Comment}");
                started[0] = true;
                next = 1;
            }
            foreach (RowTerm term in terms)
            {
                int accumulator = next++ % accumulators;
                string variable = $"{name}{Number(accumulator)}";
                writer.Line(started[accumulator]
                    ? $"{variable} = TChunk.MultiplyAdd({term.Scalar}, {term.Row}, {variable});{CommentPad}// {term.Comment}"
                    : $"TChunk {variable} = {term.Scalar} * {term.Row};{CommentPad}// {term.Comment}");
                started[accumulator] = true;
            }
            return accumulators switch
            {
                1 => $"{name}0",
                2 => $"{name}0 + {name}1",
                3 => $"({name}0 + {name}1) + {name}2",
                _ => $"({name}0 + {name}1) + ({name}2 + {name}3)",
            };
        }

        private const string CommentPad = "   ";

        /// <summary><c>TChunk.Broadcast(ref origin, Region + offset)</c>: one element repeated across the chunk.</summary>
        private static string Broadcast(string origin, string region, int offset) => $"TChunk.Broadcast(ref {origin}, {Offset(region, offset)})";

        /// <summary><c>TChunk.Load(ref origin, Region + offset + j)</c>: the chunk of a row starting at column j.</summary>
        private static string Load(string origin, string region, int offset) => $"TChunk.Load(ref {origin}, {Offset(region, offset)} + j)";
    }
}
