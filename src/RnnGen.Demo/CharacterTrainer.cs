using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;

namespace RnnGen.Demo;

/// <summary>One point of the character model's loss curve.</summary>
internal sealed record LossPoint(int Iteration, double Loss, double SmoothedLoss);

/// <summary>
/// The character model's training loop: where in the text it is, the hidden state carried from chunk to chunk, and the
/// loss so far. <see cref="Checkpoint"/> and <see cref="Resume"/> carry that position through a checkpoint's metadata,
/// so training resumed from a file continues exactly as if it had never stopped.
/// </summary>
internal sealed class CharacterTrainer(ITokenNetwork<float> network, AdagradOptimizer<float> optimizer, int[] symbols)
{
    public const float ClipLimit = 5f;

    private const int RecordEvery = 100;
    private const string IterationKey = "chars.iteration", PositionKey = "chars.position", TextKey = "chars.text-symbols",
        SmoothedLossKey = "chars.smoothed-loss", StateKey = "chars.state";

    private readonly float[] state = new float[network.Shape.StateSize];
    private readonly float[] nextState = new float[network.Shape.StateSize];
    private readonly float[] outputs = new float[network.Shape.Steps * network.Shape.Outputs];
    private int position;
    private int firstIteration = 1;

    public int Iteration { get; private set; }

    public double SmoothedLoss { get; private set; }

    public List<LossPoint> History { get; } = [];

    /// <summary>One chunk: forward from the carried state, backward, clip, Adagrad; at the end of the text, start over from zero.</summary>
    public void Train()
    {
        int steps = network.Shape.Steps;
        if (position + steps + 1 > symbols.Length)
        {
            position = 0;
            Array.Clear(state);
        }
        ReadOnlySpan<int> inputs = symbols.AsSpan(position, steps), targets = symbols.AsSpan(position + 1, steps);
        network.Forward(inputs, outputs, state, nextState);
        network.ZeroGradients();
        double loss = network.Backward(targets);
        GradientClipping.ClampElements<float>(network.Gradients, ClipLimit);
        optimizer.Step(network.Parameters, network.Gradients);
        nextState.CopyTo(state, 0);
        position += steps;

        Iteration++;
        SmoothedLoss = Iteration == 1 ? loss : (0.999 * SmoothedLoss) + (0.001 * loss);
        if (Iteration == firstIteration || Iteration % RecordEvery == 0)
            History.Add(new LossPoint(Iteration, loss, SmoothedLoss));
    }

    /// <summary>Text drawn from the model, starting from the current state and character, without disturbing training.</summary>
    public string Sample(int length, TokenSampler sampler)
    {
        float[] sampleState = (float[])state.Clone();
        return CharacterModelTask.Sample<float>(network, sampleState, symbols[Math.Min(position, symbols.Length - 1)], length, sampler);
    }

    /// <summary>Where training stands, as checkpoint metadata: iteration, place in the text, smoothed loss, carried state (its float bits).</summary>
    public Dictionary<string, string> Checkpoint() => new()
    {
        [IterationKey] = Iteration.ToString(CultureInfo.InvariantCulture),
        [PositionKey] = position.ToString(CultureInfo.InvariantCulture),
        [TextKey] = symbols.Length.ToString(CultureInfo.InvariantCulture),
        [SmoothedLossKey] = SmoothedLoss.ToString("R", CultureInfo.InvariantCulture),
        [StateKey] = Convert.ToBase64String(MemoryMarshal.AsBytes(state.AsSpan())),
    };

    /// <summary>
    /// Takes up the position <see cref="Checkpoint"/> recorded. False (and nothing changes) when the metadata has none
    /// or was made on a text of another length, where the position would mean nothing.
    /// </summary>
    public bool Resume(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(IterationKey, out string? iteration) || !metadata.TryGetValue(PositionKey, out string? place) ||
            !metadata.TryGetValue(TextKey, out string? text) || !metadata.TryGetValue(SmoothedLossKey, out string? smoothed) ||
            !metadata.TryGetValue(StateKey, out string? carried))
            return false;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int textSymbols) || textSymbols != symbols.Length)
            return false;
        byte[] stateBytes = Convert.FromBase64String(carried);
        if (stateBytes.Length != state.Length * sizeof(float))
            return false;
        Iteration = int.Parse(iteration, NumberStyles.None, CultureInfo.InvariantCulture);
        position = int.Parse(place, NumberStyles.None, CultureInfo.InvariantCulture);
        SmoothedLoss = double.Parse(smoothed, NumberStyles.Float, CultureInfo.InvariantCulture);
        stateBytes.CopyTo(MemoryMarshal.AsBytes(state.AsSpan()));
        firstIteration = Iteration + 1;
        return true;
    }
}
