using System;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// Draws a token from a network's output distribution, as language models are sampled: with a temperature τ the
/// probabilities p become p^(1/τ), renormalised (softmax(z / τ) for a softmax output z); with top-k only the k most
/// probable tokens may be drawn. Every draw comes from the <see cref="System.Random"/> given, so a seeded one writes
/// the same text on every run. After the first call with the largest vocabulary it allocates nothing.
/// </summary>
/// <example>
/// <code>
/// var sampler = new TokenSampler(new Random(1), temperature: 0.8, topK: 10);
/// network.Step(token, state, probabilities);     // a softmax output
/// token = sampler.Sample&lt;float&gt;(probabilities);
/// </code>
/// </example>
public sealed class TokenSampler
{
    private double temperature;
    private int topK;
    private double[] weights = [];
    private double[] sorted = [];

    /// <summary>A sampler drawing from <paramref name="random"/>.</summary>
    /// <param name="random">The source of every draw.</param>
    /// <param name="temperature">τ ≥ 0: 1 samples the distribution as it is, lower is more conservative, 0 always takes the most probable token.</param>
    /// <param name="topK">Only the <paramref name="topK"/> most probable tokens may be drawn; 0 for all of them.</param>
    public TokenSampler(Random random, double temperature = 1.0, int topK = 0)
    {
        ArgumentNullException.ThrowIfNull(random);
        Random = random;
        Temperature = temperature;
        TopK = topK;
    }

    /// <summary>The source of every draw.</summary>
    public Random Random { get; }

    /// <summary>τ ≥ 0 (finite): the probabilities become p^(1/τ); 0 takes the most probable token every time.</summary>
    public double Temperature
    {
        get => temperature;
        set
        {
            if (!(value >= 0 && double.IsFinite(value)))
                throw new ArgumentOutOfRangeException(nameof(Temperature), value, "The temperature must be non-negative and finite (0 takes the most probable token).");
            temperature = value;
        }
    }

    /// <summary>How many of the most probable tokens may be drawn; 0 for all. Ties with the k-th largest are kept.</summary>
    public int TopK
    {
        get => topK;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(TopK));
            topK = value;
        }
    }

    /// <summary>Draws a token index from <paramref name="probabilities"/> (non-negative, not all zero; they need not sum to one).</summary>
    /// <exception cref="ArgumentException">The span is empty, holds a negative, infinite or NaN value, or only zeros.</exception>
    public int Sample<T>(ReadOnlySpan<T> probabilities) where T : INumber<T>
    {
        int count = probabilities.Length;
        if (count == 0)
            throw new ArgumentException("There is nothing to sample from: the probabilities are empty.", nameof(probabilities));
        if (weights.Length < count)
        {
            weights = new double[count];
            sorted = new double[count];
        }
        Span<double> weight = weights.AsSpan(0, count);

        int best = -1;
        for (int i = 0; i < count; i++)
        {
            double p = double.CreateChecked(probabilities[i]);
            if (!(p >= 0 && double.IsFinite(p)))
                throw new ArgumentException($"Probability {i} is {p}; probabilities must be non-negative and finite.", nameof(probabilities));
            weight[i] = p;
            if (p > 0 && (best < 0 || p > weight[best]))
                best = i;
        }
        if (best < 0)
            throw new ArgumentException("Every probability is zero; there is nothing to sample.", nameof(probabilities));
        if (temperature == 0 || topK == 1)
            return best;

        // p^(1/τ) up to a common factor: (p / p_max)^(1/τ), as exp((log p − log p_max) / τ), which neither overflows
        // nor (for a tiny τ) divides infinities.
        double largest = Math.Log(weight[best]);
        for (int i = 0; i < count; i++)
            weight[i] = weight[i] > 0 ? Math.Exp((Math.Log(weight[i]) - largest) / temperature) : 0;
        if (topK > 0 && topK < count)
        {
            // Keep the weights at least as large as the k-th largest.
            Span<double> order = sorted.AsSpan(0, count);
            weight.CopyTo(order);
            order.Sort();
            double threshold = order[count - topK];
            for (int i = 0; i < count; i++)
            {
                if (weight[i] < threshold)
                    weight[i] = 0;
            }
        }

        double total = 0;
        foreach (double w in weight)
            total += w;
        double target = Random.NextDouble() * total;
        int last = best;
        for (int i = 0; i < count; i++)
        {
            if (weight[i] == 0)
                continue;
            if (target < weight[i])
                return i;
            target -= weight[i];
            last = i;
        }
        return last;   // rounding left a sliver past the last positive weight
    }
}
