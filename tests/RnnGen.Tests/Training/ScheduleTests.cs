using System;
using Xunit;

namespace RnnGen.Tests.Training;

/// <summary>Learning-rate schedules: their formulas, their composition, and optimizers that keep their state when the rate changes.</summary>
public class ScheduleTests
{
    [Fact]
    public void Step_decay_multiplies_every_period()
    {
        LearningRateSchedule schedule = LearningRateSchedule.StepDecay(0.1, 0.5, 100);
        Assert.Equal(0.1, schedule.RateAt(0));
        Assert.Equal(0.1, schedule.RateAt(99));
        Assert.Equal(0.05, schedule.RateAt(100));
        Assert.Equal(0.025, schedule.RateAt(250));
    }

    [Fact]
    public void Cosine_falls_from_the_initial_to_the_final_rate()
    {
        LearningRateSchedule schedule = LearningRateSchedule.Cosine(1e-3, 1000, 1e-5);
        Assert.Equal(1e-3, schedule.RateAt(0), 15);
        Assert.Equal((1e-3 + 1e-5) / 2, schedule.RateAt(500), 15);
        Assert.Equal(1e-5, schedule.RateAt(1000), 15);
        Assert.Equal(1e-5, schedule.RateAt(5000), 15);
        for (long step = 1; step <= 1000; step++)
            Assert.True(schedule.RateAt(step) <= schedule.RateAt(step - 1));
    }

    [Fact]
    public void Warm_up_rises_linearly_then_hands_over()
    {
        LearningRateSchedule schedule = LearningRateSchedule.Cosine(0.2, 100).WithWarmup(10);
        Assert.Equal(0.02, schedule.RateAt(0), 15);
        Assert.Equal(0.1, schedule.RateAt(4), 15);
        Assert.Equal(0.2, schedule.RateAt(9), 15);
        Assert.Equal(0.2, schedule.RateAt(10), 15);          // the cosine's step 0
        Assert.Equal(0.1, schedule.RateAt(60), 15);          // its step 50
        Assert.Equal(0.05, LearningRateSchedule.StepDecay(0.1, 0.5, 5).WithWarmup(2).RateAt(7), 15);
        Assert.Equal(0.3, LearningRateSchedule.Constant(0.3).RateAt(1_000_000));
    }

    [Fact]
    public void Bad_settings_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0.1, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0.1, 1.5, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0.1, 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Cosine(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(0.1).WithWarmup(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(0.1).RateAt(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptimizer<double>(3, 0.1).LearningRate = -0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer<double>(3, 0.1).LearningRate = double.NaN);
    }

    [Fact]
    public void Adam_under_a_schedule_keeps_its_moments()
    {
        // Adam's formula with the rate of each step taken from the schedule: the moments and the step count run on.
        LearningRateSchedule schedule = LearningRateSchedule.Cosine(0.01, 8).WithWarmup(3);
        var random = new Random(4);
        double[] parameters = Numerics.TestData.Uniform(random, 20, -1, 1), expected = (double[])parameters.Clone();
        double[] m = new double[20], v = new double[20];
        var optimizer = new AdamOptimizer<double>(20, 1.0);
        for (int step = 0; step < 12; step++)
        {
            double[] gradient = Numerics.TestData.Uniform(random, 20, -2, 2);
            double rate = schedule.RateAt(step);
            for (int i = 0; i < 20; i++)
            {
                m[i] = (0.9 * m[i]) + (0.1 * gradient[i]);
                v[i] = (0.999 * v[i]) + (0.001 * gradient[i] * gradient[i]);
                double mHat = m[i] / (1 - Math.Pow(0.9, step + 1)), vHat = v[i] / (1 - Math.Pow(0.999, step + 1));
                expected[i] -= rate * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
            Assert.Equal(rate, schedule.Apply(optimizer, step));
            Assert.Equal(rate, optimizer.LearningRate);
            optimizer.Step(parameters, gradient);
        }
        Numerics.TestData.AssertClose(expected, parameters, 1e-12, "Adam with a scheduled rate");
    }

    [Fact]
    public void Sgd_momentum_under_a_schedule_keeps_its_velocity()
    {
        LearningRateSchedule schedule = LearningRateSchedule.StepDecay(0.1, 0.5, 2);
        var random = new Random(8);
        double[] parameters = Numerics.TestData.Uniform(random, 10, -1, 1), expected = (double[])parameters.Clone(), velocity = new double[10];
        var optimizer = new SgdOptimizer<float>(10, 1f, 0.9f);
        float[] floats = Array.ConvertAll(parameters, p => (float)p);
        for (int step = 0; step < 7; step++)
        {
            double[] gradient = Numerics.TestData.Uniform(random, 10, -1, 1);
            for (int i = 0; i < 10; i++)
            {
                velocity[i] = (0.9 * velocity[i]) - (schedule.RateAt(step) * gradient[i]);
                expected[i] += velocity[i];
            }
            schedule.Apply(optimizer, step);
            optimizer.Step(floats, Array.ConvertAll(gradient, g => (float)g));
        }
        Numerics.TestData.AssertClose(expected, Array.ConvertAll(floats, p => (double)p), 1e-5, "SGD with momentum and a scheduled rate");
    }
}
