namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>
        /// <c>Clone()</c> and the two <c>Evaluate</c> overloads (API.md section 10). Evaluate runs in a second network, the
        /// evaluator, made at the first call: it shares this network's parameters and has a workspace of its own, so a
        /// validation loss between <c>Forward</c> and <c>Backward</c> leaves the saved pass (and the gradients) alone.
        /// </summary>
        private void EmitCopiesAndEvaluation()
        {
            writer.Line("/// <summary>");
            writer.Line("/// A new, independent network with this one's shape, parameters and MaxDegreeOfParallelism, zero gradients and a workspace of its own.");
            writer.Line("/// One instance is not safe for concurrent calls (every call runs in its workspace): give each thread a clone.");
            writer.Line("/// </summary>");
            using (writer.Block($"public {DeclaredName} Clone()"))
            {
                // No "var" in generated code: an element type named var would capture it.
                writer.Line($"{DeclaredName} clone = new();");
                writer.Line("parameters.Span.CopyTo(clone.parameters.Span);");
                writer.Line("clone.maxDegreeOfParallelism = maxDegreeOfParallelism;");
                writer.Line("return clone;");
            }
            writer.Line();

            EmitEvaluate(tokens: false);
            EmitEvaluate(tokens: true);

            writer.Line("/// <summary>The loss of the saved sequence run from the zero state, as Backward computes it, without any gradient.</summary>");
            KeepOutOfLine();
            using (writer.Block($"private {t} RunEvaluation({ReadOnlySpan} targets)"))
            {
                writer.Line(ClearStateStatement);
                writer.Line("RunForward(fromZeroState: true);");
                writer.Line("return Computation.OutputLoss(ref workspace.Reference, targets);");
            }
            writer.Line();
        }

        /// <summary>One of the two Evaluate overloads: dense inputs and targets, or tokens and target tokens.</summary>
        private void EmitEvaluate(bool tokens)
        {
            writer.Line("/// <inheritdoc/>");
            using (writer.Block(tokens ? $"public {t} Evaluate({Tokens} tokens, {Tokens} targetTokens)" : $"public {t} Evaluate({ReadOnlySpan} inputs, {ReadOnlySpan} targets)"))
            {
                CheckLength(tokens ? "tokens" : "inputs", tokens ? "Steps" : "Steps * Inputs");
                CheckLength(tokens ? "targetTokens" : "targets", tokens ? "Steps" : "Steps * Outputs");
                if (tokens)
                {
                    CheckTokens("tokens", "Inputs");
                    CheckTokens("targetTokens", "Outputs");
                }
                writer.Line($"{DeclaredName} evaluator = this.evaluator ??= new(parameters, gradients);");
                writer.Line(tokens ? "evaluator.SaveTokens(tokens);" : "evaluator.SaveInputs(inputs);");
                writer.Line($"return evaluator.RunEvaluation({(tokens ? "evaluator.OneHotTargets(targetTokens)" : "targets")});");
            }
            writer.Line();
        }
    }
}
