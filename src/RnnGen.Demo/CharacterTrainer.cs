using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;

namespace RnnGen.Demo;

/// <summary>One point of the character model's loss curve.</summary>
internal sealed record LossPoint(int Iteration, double Loss, double SmoothedLoss);

/// <summary>
/// The character model's training loop, in batches: <see cref="Batch"/> streams read the text from evenly spaced
/// places, each carrying its own hidden state from one chunk to the next (truncated backpropagation through time), and
/// one iteration trains on the next chunk of every stream at once (ForwardBatch from the carried states, BackwardBatch,
/// clipping, Adagrad). <see cref="Checkpoint"/> and <see cref="Resume"/> carry the streams' places and states through a
/// checkpoint's metadata, so training resumed from a file continues exactly as if it had never stopped.
/// </summary>
internal sealed class CharacterTrainer
{
    public const float ClipLimit = 5f;

    private const int RecordEvery = 100;
    private const string IterationKey = "chars.iteration", PositionKey = "chars.position", TextKey = "chars.text-symbols",
        SmoothedLossKey = "chars.smoothed-loss", StateKey = "chars.state", BatchKey = "chars.batch";

    private readonly IBatchNetwork<float> network;
    private readonly AdagradOptimizer<float> optimizer;
    private readonly int[] symbols;
    private readonly int steps, stateSize;
    private readonly int[] positions;     // where each stream's next chunk starts
    private readonly float[] states;      // each stream's carried state, B × StateSize
    private readonly float[] nextStates;
    private readonly int[] tokens, targets;
    private readonly float[] outputs;
    private int firstIteration = 1;

    public CharacterTrainer(IBatchNetwork<float> network, AdagradOptimizer<float> optimizer, int[] symbols, int batch)
    {
        this.network = network;
        this.optimizer = optimizer;
        this.symbols = symbols;
        steps = network.Shape.Steps;
        stateSize = network.Shape.StateSize;
        Batch = batch;
        positions = new int[batch];
        for (int b = 0; b < batch; b++)
            positions[b] = (int)((long)b * symbols.Length / batch);
        states = new float[batch * stateSize];
        nextStates = new float[batch * stateSize];
        tokens = new int[batch * steps];
        targets = new int[batch * steps];
        outputs = new float[batch * steps * network.Shape.Outputs];
    }

    /// <summary>Streams through the text, each giving one chunk per iteration.</summary>
    public int Batch { get; }

    public int Iteration { get; private set; }

    /// <summary>Characters one iteration trains on.</summary>
    public int CharactersPerIteration => Batch * steps;

    public double SmoothedLoss { get; private set; }

    public List<LossPoint> History { get; } = [];

    /// <summary>
    /// One iteration: the next chunk of every stream, forward from its carried state, backward, clip, Adagrad. A stream
    /// that reaches the end of the text starts over from the beginning with the zero state.
    /// </summary>
    public void Train()
    {
        for (int b = 0; b < Batch; b++)
        {
            if (positions[b] + steps + 1 > symbols.Length)
            {
                positions[b] = 0;
                Array.Clear(states, b * stateSize, stateSize);
            }
            symbols.AsSpan(positions[b], steps).CopyTo(tokens.AsSpan(b * steps));
            symbols.AsSpan(positions[b] + 1, steps).CopyTo(targets.AsSpan(b * steps));
        }
        network.ForwardBatch(tokens, outputs, states, nextStates);
        network.ZeroGradients();
        double loss = network.BackwardBatch(targets);     // the mean over the chunks of each chunk's loss
        GradientClipping.ClampElements<float>(network.Gradients, ClipLimit);
        optimizer.Step(network.Parameters, network.Gradients);
        nextStates.CopyTo(states, 0);
        for (int b = 0; b < Batch; b++)
            positions[b] += steps;

        Iteration++;
        SmoothedLoss = Iteration == 1 ? loss : (0.999 * SmoothedLoss) + (0.001 * loss);
        if (Iteration == firstIteration || Iteration % RecordEvery == 0)
            History.Add(new LossPoint(Iteration, loss, SmoothedLoss));
    }

    /// <summary>Text drawn from the model, starting from the current state and character, without disturbing training.</summary>
    public string Sample(int length, TokenSampler sampler)
    {
        float[] sampleState = states.AsSpan(0, stateSize).ToArray();     // the first stream's
        return CharacterModelTask.Sample<float>(network, sampleState, symbols[Math.Min(positions[0], symbols.Length - 1)], length, sampler);
    }

    /// <summary>
    /// Where training stands, as checkpoint metadata: iteration, the streams' places in the text (comma-separated), smoothed
    /// loss, the streams' carried states (their float bits), and the number of streams.
    /// </summary>
    public Dictionary<string, string> Checkpoint() => new()
    {
        [IterationKey] = Iteration.ToString(CultureInfo.InvariantCulture),
        [PositionKey] = string.Join(',', positions.Select(position => position.ToString(CultureInfo.InvariantCulture))),
        [TextKey] = symbols.Length.ToString(CultureInfo.InvariantCulture),
        [SmoothedLossKey] = SmoothedLoss.ToString("R", CultureInfo.InvariantCulture),
        [StateKey] = Convert.ToBase64String(MemoryMarshal.AsBytes(states.AsSpan())),
        [BatchKey] = Batch.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Takes up the position <see cref="Checkpoint"/> recorded. False (and nothing changes) when the metadata has none, or
    /// was made on a text of another length or with another number of streams, where the positions would mean nothing.
    /// A checkpoint without a number of streams has one (those of the demo before it trained in batches).
    /// </summary>
    public bool Resume(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(IterationKey, out string? iteration) || !metadata.TryGetValue(PositionKey, out string? place) ||
            !metadata.TryGetValue(TextKey, out string? text) || !metadata.TryGetValue(SmoothedLossKey, out string? smoothed) ||
            !metadata.TryGetValue(StateKey, out string? carried))
            return false;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int textSymbols) || textSymbols != symbols.Length)
            return false;
        string streams = metadata.TryGetValue(BatchKey, out string? batch) ? batch : "1";
        if (!int.TryParse(streams, NumberStyles.None, CultureInfo.InvariantCulture, out int streamCount) || streamCount != Batch)
            return false;
        string[] places = place.Split(',');
        byte[] stateBytes = Convert.FromBase64String(carried);
        if (places.Length != Batch || stateBytes.Length != states.Length * sizeof(float))
            return false;
        Iteration = int.Parse(iteration, NumberStyles.None, CultureInfo.InvariantCulture);
        for (int b = 0; b < Batch; b++)
            positions[b] = int.Parse(places[b], NumberStyles.None, CultureInfo.InvariantCulture);
        SmoothedLoss = double.Parse(smoothed, NumberStyles.Float, CultureInfo.InvariantCulture);
        stateBytes.CopyTo(MemoryMarshal.AsBytes(states.AsSpan()));
        firstIteration = Iteration + 1;
        return true;
    }
}
