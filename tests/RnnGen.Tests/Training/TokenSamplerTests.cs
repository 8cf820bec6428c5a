using System;
using System.Linq;
using Xunit;

namespace RnnGen.Tests.Training;

/// <summary>The token sampler: frequencies, temperature, top-k, determinism, bad input and allocation.</summary>
public class TokenSamplerTests
{
    private static readonly float[] Distribution = { 0.5f, 0.2f, 0.15f, 0.1f, 0.05f, 0f };

    [Fact]
    public void Temperature_one_draws_the_distribution_itself()
    {
        double[] frequencies = Frequencies(new TokenSampler(new Random(1)), 40_000);
        for (int i = 0; i < Distribution.Length; i++)
        {
            // 40,000 draws: a frequency's standard deviation is at most 0.0025.
            Assert.InRange(frequencies[i], Distribution[i] - 0.012, Distribution[i] + 0.012);
        }
        Assert.Equal(0, frequencies[5]);
    }

    [Fact]
    public void Temperature_reshapes_the_distribution()
    {
        // p^(1/τ) renormalised: at τ = 0.5 the probabilities are proportional to p².
        double[] frequencies = Frequencies(new TokenSampler(new Random(2), temperature: 0.5), 40_000);
        double total = Distribution.Sum(p => (double)p * p);
        for (int i = 0; i < Distribution.Length; i++)
            Assert.InRange(frequencies[i], (Distribution[i] * Distribution[i] / total) - 0.012, (Distribution[i] * Distribution[i] / total) + 0.012);

        double[] hot = Frequencies(new TokenSampler(new Random(3), temperature: 100), 20_000);
        Assert.InRange(hot[4], 0.17, 0.23);   // nearly uniform over the five possible tokens
        Assert.Equal(0, hot[5]);
    }

    [Fact]
    public void Temperature_zero_and_top_one_take_the_most_probable_token()
    {
        float[] probabilities = { 0.1f, 0.3f, 0.6f };
        var greedy = new TokenSampler(new Random(4), temperature: 0);
        var topOne = new TokenSampler(new Random(4), topK: 1);
        var cold = new TokenSampler(new Random(4), temperature: 1e-300);
        for (int draw = 0; draw < 100; draw++)
        {
            Assert.Equal(2, greedy.Sample<float>(probabilities));
            Assert.Equal(2, topOne.Sample<float>(probabilities));
            Assert.Equal(2, cold.Sample<float>(probabilities));
        }
    }

    [Fact]
    public void Top_k_draws_only_the_k_most_probable_tokens()
    {
        double[] frequencies = Frequencies(new TokenSampler(new Random(5), topK: 2), 20_000);
        Assert.Equal(0, frequencies[2] + frequencies[3] + frequencies[4] + frequencies[5]);
        Assert.InRange(frequencies[0], (0.5 / 0.7) - 0.02, (0.5 / 0.7) + 0.02);
    }

    [Fact]
    public void A_seed_gives_the_same_draws()
    {
        var first = new TokenSampler(new Random(6), temperature: 0.8, topK: 4);
        var second = new TokenSampler(new Random(6), temperature: 0.8, topK: 4);
        int[] a = Enumerable.Range(0, 200).Select(_ => first.Sample<float>(Distribution)).ToArray();
        int[] b = Enumerable.Range(0, 200).Select(_ => second.Sample<float>(Distribution)).ToArray();
        Assert.Equal(a, b);
        Assert.True(a.Distinct().Count() > 1);
    }

    [Fact]
    public void Bad_input_throws()
    {
        var sampler = new TokenSampler(new Random(7));
        Assert.Throws<ArgumentException>(() => sampler.Sample<double>(ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentException>(() => sampler.Sample<double>(new[] { 0.5, -0.1 }));
        Assert.Throws<ArgumentException>(() => sampler.Sample<double>(new[] { 0.5, double.NaN }));
        Assert.Throws<ArgumentException>(() => sampler.Sample<double>(new[] { 0.0, 0.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Temperature = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.TopK = -1);
        Assert.Throws<ArgumentNullException>(() => new TokenSampler(null!));
    }

    [Fact]
    public void Draws_allocate_nothing()
    {
        var sampler = new TokenSampler(new Random(8), temperature: 0.7, topK: 3);
        Half[] probabilities = Array.ConvertAll(Distribution, p => (Half)p);
        for (int i = 0; i < 100; i++)
            sampler.Sample<Half>(probabilities);
        Assert.Equal(0, SteadyStateAllocations.Smallest(() => sampler.Sample<Half>(probabilities), callsPerWindow: 1000));
    }

    private static double[] Frequencies(TokenSampler sampler, int draws)
    {
        var counts = new double[Distribution.Length];
        for (int draw = 0; draw < draws; draw++)
            counts[sampler.Sample<float>(Distribution)]++;
        return Array.ConvertAll(counts, count => count / draws);
    }
}
