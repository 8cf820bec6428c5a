using System;
using System.IO;
using System.Reflection;
using System.Text;

namespace RnnGen.Demo;

/// <summary>
/// The character model's training text and its sampling: the corpus (a file, or the project's own documentation
/// embedded in the app), and text drawn from the model one character at a time with a temperature.
/// </summary>
public static class CharacterModelTask
{
    /// <summary>Characters per training chunk: the steps of truncated backpropagation through time.</summary>
    public const int Steps = 25;

    /// <summary>The text to learn: <paramref name="path"/> if given, else the documentation embedded in the demo.</summary>
    public static string LoadCorpus(string? path)
    {
        if (!string.IsNullOrEmpty(path))
            return File.ReadAllText(path);
        var corpus = new StringBuilder();
        Assembly assembly = typeof(CharacterModelTask).Assembly;
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("corpus/", StringComparison.Ordinal))
                continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            corpus.Append(reader.ReadToEnd()).Append('\n');
        }
        return corpus.ToString();
    }

    /// <summary>
    /// Draws <paramref name="length"/> characters: each step feeds the last character, turns the output distribution p
    /// into p^(1/temperature) (renormalized), and samples the next character from it. <paramref name="state"/> advances.
    /// </summary>
    public static string Sample<T>(ITokenNetwork<T> network, Span<T> state, int firstSymbol, int length, double temperature, Random random)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var probabilities = new T[CharacterVocabulary.Size];
        var weights = new double[CharacterVocabulary.Size];
        var text = new StringBuilder(length);
        int symbol = firstSymbol;
        for (int i = 0; i < length; i++)
        {
            network.Step(symbol, state, probabilities);
            symbol = Draw(probabilities, weights, temperature, random);
            text.Append(CharacterVocabulary.Decode(symbol));
        }
        return text.ToString();
    }

    private static int Draw<T>(ReadOnlySpan<T> probabilities, double[] weights, double temperature, Random random)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        // p^(1/τ) computed as exp(log p / τ), shifted by the largest log so nothing overflows.
        double largest = double.NegativeInfinity;
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = Math.Log(Math.Max(double.CreateChecked(probabilities[i]), 1e-300)) / temperature;
            largest = Math.Max(largest, weights[i]);
        }
        double total = 0;
        for (int i = 0; i < weights.Length; i++)
            total += weights[i] = Math.Exp(weights[i] - largest);
        double target = random.NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target <= 0)
                return i;
        }
        return weights.Length - 1;
    }
}
