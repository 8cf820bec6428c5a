using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace RnnGen.Benchmarks;

/// <summary>
/// The seed task, 2-16-1 sigmoid over 8 steps: one training step (forward, backpropagation through time, update) and
/// a forward pass alone, for the generated code (Unroll.Full, Unroll.None, Unroll.Auto), ReferenceNetwork and two
/// hand-written versions: <see cref="PlainBinaryAdder{T}"/> (flat arrays, plain loops: the baseline of each group) and
/// <see cref="ClassicBinaryAdder{T}"/> (the line-by-line numpy port with two-dimensional arrays). Each call trains on
/// the next of 256 fixed samples.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BinaryAdderBenchmarks
{
    private const float LearningRateFloat = 0.1f;
    private const double LearningRateDouble = 0.1;

    private readonly AdderData<float> floatData = new(1);
    private readonly AdderData<double> doubleData = new(1);
    private readonly AdderData<Half> halfData = new(1);
    private readonly float[] floatOutputs = new float[8];
    private readonly double[] doubleOutputs = new double[8];
    private readonly Half[] halfOutputs = new Half[8];

    private readonly AdderFull<float> fullFloat = new(0);
    private readonly AdderLooped<float> loopedFloat = new(0);
    private readonly AdderAuto<float> autoFloat = new(0);
    private readonly ReferenceNetwork<float> referenceFloat = new(new AdderAuto<float>().Shape, 0);
    private readonly ClassicBinaryAdder<float> classicFloat = new(0);
    private readonly PlainBinaryAdder<float> plainFloat = new(0);

    private readonly AdderFull<double> fullDouble = new(0);
    private readonly AdderLooped<double> loopedDouble = new(0);
    private readonly AdderAuto<double> autoDouble = new(0);
    private readonly ReferenceNetwork<double> referenceDouble = new(new AdderAuto<double>().Shape, 0);
    private readonly ClassicBinaryAdder<double> classicDouble = new(0);
    private readonly PlainBinaryAdder<double> plainDouble = new(0);

    private readonly AdderFull<Half> fullHalf = new(0);
    private readonly AdderLooped<Half> loopedHalf = new(0);
    private readonly ReferenceNetwork<Half> referenceHalf = new(new AdderAuto<Half>().Shape, 0);

    // ---- Training step, float ----

    [Benchmark(Baseline = true), BenchmarkCategory("Train", "float")]
    public float HandWritten_Train_Float() { floatData.Advance(); return plainFloat.Train(floatData.Inputs, floatData.Targets, LearningRateFloat); }

    [Benchmark, BenchmarkCategory("Train", "float")]
    public float NumpyPort_Train_Float() { floatData.Advance(); return classicFloat.Train(floatData.InputMatrix, floatData.Targets, LearningRateFloat); }

    [Benchmark, BenchmarkCategory("Train", "float")]
    public float Reference_Train_Float() { floatData.Advance(); return referenceFloat.Train(floatData.Inputs, floatData.Targets, LearningRateFloat); }

    [Benchmark, BenchmarkCategory("Train", "float")]
    public float Full_Train_Float() { floatData.Advance(); return fullFloat.Train(floatData.Inputs, floatData.Targets, LearningRateFloat); }

    [Benchmark, BenchmarkCategory("Train", "float")]
    public float None_Train_Float() { floatData.Advance(); return loopedFloat.Train(floatData.Inputs, floatData.Targets, LearningRateFloat); }

    [Benchmark, BenchmarkCategory("Train", "float")]
    public float Auto_Train_Float() { floatData.Advance(); return autoFloat.Train(floatData.Inputs, floatData.Targets, LearningRateFloat); }

    // ---- Training step, double ----

    [Benchmark(Baseline = true), BenchmarkCategory("Train", "double")]
    public double HandWritten_Train_Double() { doubleData.Advance(); return plainDouble.Train(doubleData.Inputs, doubleData.Targets, LearningRateDouble); }

    [Benchmark, BenchmarkCategory("Train", "double")]
    public double NumpyPort_Train_Double() { doubleData.Advance(); return classicDouble.Train(doubleData.InputMatrix, doubleData.Targets, LearningRateDouble); }

    [Benchmark, BenchmarkCategory("Train", "double")]
    public double Reference_Train_Double() { doubleData.Advance(); return referenceDouble.Train(doubleData.Inputs, doubleData.Targets, LearningRateDouble); }

    [Benchmark, BenchmarkCategory("Train", "double")]
    public double Full_Train_Double() { doubleData.Advance(); return fullDouble.Train(doubleData.Inputs, doubleData.Targets, LearningRateDouble); }

    [Benchmark, BenchmarkCategory("Train", "double")]
    public double None_Train_Double() { doubleData.Advance(); return loopedDouble.Train(doubleData.Inputs, doubleData.Targets, LearningRateDouble); }

    [Benchmark, BenchmarkCategory("Train", "double")]
    public double Auto_Train_Double() { doubleData.Advance(); return autoDouble.Train(doubleData.Inputs, doubleData.Targets, LearningRateDouble); }

    // ---- Training step, Half (generated code against the reference: the classic version has no Half form) ----

    [Benchmark(Baseline = true), BenchmarkCategory("Train", "Half")]
    public Half Reference_Train_Half() { halfData.Advance(); return referenceHalf.Train(halfData.Inputs, halfData.Targets, (Half)0.1f); }

    [Benchmark, BenchmarkCategory("Train", "Half")]
    public Half Full_Train_Half() { halfData.Advance(); return fullHalf.Train(halfData.Inputs, halfData.Targets, (Half)0.1f); }

    [Benchmark, BenchmarkCategory("Train", "Half")]
    public Half None_Train_Half() { halfData.Advance(); return loopedHalf.Train(halfData.Inputs, halfData.Targets, (Half)0.1f); }

    // ---- Forward alone ----

    [Benchmark(Baseline = true), BenchmarkCategory("Forward", "float")]
    public void HandWritten_Forward_Float() { floatData.Advance(); plainFloat.Predict(floatData.Inputs, floatOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "float")]
    public void NumpyPort_Forward_Float() { floatData.Advance(); classicFloat.Predict(floatData.InputMatrix, floatOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "float")]
    public void Reference_Forward_Float() { floatData.Advance(); referenceFloat.Forward(floatData.Inputs, floatOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "float")]
    public void Full_Forward_Float() { floatData.Advance(); fullFloat.Forward(floatData.Inputs, floatOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "float")]
    public void None_Forward_Float() { floatData.Advance(); loopedFloat.Forward(floatData.Inputs, floatOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "float")]
    public void Auto_Forward_Float() { floatData.Advance(); autoFloat.Forward(floatData.Inputs, floatOutputs); }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward", "double")]
    public void HandWritten_Forward_Double() { doubleData.Advance(); plainDouble.Predict(doubleData.Inputs, doubleOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "double")]
    public void NumpyPort_Forward_Double() { doubleData.Advance(); classicDouble.Predict(doubleData.InputMatrix, doubleOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "double")]
    public void Reference_Forward_Double() { doubleData.Advance(); referenceDouble.Forward(doubleData.Inputs, doubleOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "double")]
    public void Full_Forward_Double() { doubleData.Advance(); fullDouble.Forward(doubleData.Inputs, doubleOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "double")]
    public void None_Forward_Double() { doubleData.Advance(); loopedDouble.Forward(doubleData.Inputs, doubleOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "double")]
    public void Auto_Forward_Double() { doubleData.Advance(); autoDouble.Forward(doubleData.Inputs, doubleOutputs); }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward", "Half")]
    public void Reference_Forward_Half() { halfData.Advance(); referenceHalf.Forward(halfData.Inputs, halfOutputs); }

    [Benchmark, BenchmarkCategory("Forward", "Half")]
    public void Full_Forward_Half() { halfData.Advance(); fullHalf.Forward(halfData.Inputs, halfOutputs); }
}
