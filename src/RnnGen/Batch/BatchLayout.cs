using System.ComponentModel;

namespace RnnGen;

/// <summary>
/// The shape of a generated network's batch workspace as <see cref="BatchRunner{T}"/> needs it: the network's sizes,
/// how many sequences make a block, and where the regions the runner fills and reads sit. The workspace holds the
/// shared regions (<see cref="SharedSize"/> elements, such as transposed weights), then one region of
/// <see cref="SequenceStride"/> elements per sequence, each laid out like the single-sequence workspace.
/// </summary>
/// <param name="Steps">Steps per sequence.</param>
/// <param name="Inputs">Inputs per step.</param>
/// <param name="Outputs">Outputs per step.</param>
/// <param name="StateSize">Length of a state.</param>
/// <param name="ParameterCount">Length of Parameters and Gradients.</param>
/// <param name="SequencesPerBlock">Sequences per block: the unit of work of a thread, fixed by the generator for the shape, so block boundaries never depend on the thread count.</param>
/// <param name="SharedSize">Elements before the first sequence's region.</param>
/// <param name="SequenceStride">Elements from one sequence's region to the next.</param>
/// <param name="InputSequence">Offset in a sequence's region of x_t for every step (Steps × Inputs).</param>
/// <param name="StateSequence">Offset of the states: the initial state, then the state after every step ((Steps + 1) × StateSize).</param>
/// <param name="OutputSequence">Offset of ŷ_t for every step (Steps × Outputs).</param>
/// <param name="TargetSequence">Offset of the targets (Steps × Outputs).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct BatchLayout(int Steps, int Inputs, int Outputs, int StateSize, int ParameterCount,
    int SequencesPerBlock, int SharedSize, int SequenceStride, int InputSequence, int StateSequence, int OutputSequence, int TargetSequence);
