namespace RnnGen.Generators;

/// <summary>
/// Decides between fully unrolled code, looped code, and (for <see cref="Unroll.Auto"/> only) one written-out step in a
/// loop over the steps. A fully unrolled step method writes one line per matrix row (a
/// "term"), and every term inlines a few chunk operations whose temporaries count as JIT locals: past 512 locals the
/// JIT stops inlining, and the calls left behind make the step several times slower than a loop (measured with
/// DOTNET_JitDisasm on .NET 10: 50 terms inline completely, 58 leave calls behind, a 66-term step keeps 29 calls and
/// runs 2.7 times slower than looped code). The limits here keep every unrolled method below that; the thresholds for
/// <see cref="Unroll.Auto"/> come from the benchmark sweep in benchmarks/README.md.
/// </summary>
internal static class UnrollPolicy
{
    /// <summary>Most row terms one unrolled step method may hold.</summary>
    public const int MaxTermsPerStepMethod = 48;

    /// <summary>
    /// Most row terms one unrolled method may hold for it to run on <c>ChunkPair256</c>, whose operations make twice
    /// the temporaries (measured the same way: the 36 terms of a 32-unit Elman step with 2 inputs inline completely; the 48-term forward steps of a GRU with 14
    /// units and an LSTM with 10 keep 12 and 23 calls).
    /// </summary>
    public const int MaxTermsPerPairedMethod = 36;

    /// <summary>
    /// Most time steps an unrolled network may have (one method per step, forward and backward), counted over every
    /// layer: a stack of L layers over S steps writes L × S step methods each way.
    /// </summary>
    public const int MaxUnrolledSteps = 128;

    /// <summary><see cref="Unroll.Auto"/> unrolls when the hidden layer is at most this wide …</summary>
    public const int AutoMaxHidden = 32;

    /// <summary>… the sequence, times the number of layers, at most this long …</summary>
    public const int AutoMaxSteps = 128;

    /// <summary>
    /// … and all its step methods together, in every layer, write out at most this many row terms (counting each
    /// method's own lines as <see cref="StepMethodOverheadTerms"/> more): the cost of the code. A written-out term is
    /// 150–250 bytes of C# and a share of the JIT's work at the first call. Past the budget Auto writes one step method
    /// each way and calls it in a loop over the steps (<see cref="ChooseAutomatically"/>), which is as fast as a method
    /// per step from about 32 steps on and faster beyond (benchmarks/RnnGen.Timings steady, float, one bench-slot
    /// session: 2-4-1×32 862–916 ns either way; 2-16-1×32 1,195–1,284 in a loop against 1,388–1,505 written out;
    /// 2-16-1×100 3,754–3,779 against 3,976) while a method per step still pays over 8 steps (the 2-16-1 adder 340–365 ns
    /// against 379–383 in a loop, 2-4-1×8 232–248 against 250–252). 720 terms is 16 steps of 16 units, 34 of 4 units,
    /// 9 of 32 units, 7 of an LSTM with 10: the adder's 360 stays written out, and no unrolled network's source passes
    /// about 200 KB (AutoUnrollTests checks the largest shapes within budget of every cell against 400 KB).
    /// </summary>
    public const int AutoMaxWrittenOutTerms = 720;

    /// <summary>The lines of a step method besides its row terms (signature, chunk loop, stores), counted as terms.</summary>
    public const int StepMethodOverheadTerms = 5;

    /// <summary>
    /// The row terms an unrolled network writes out in all its step methods, forward and backward, in every layer, each
    /// method's own lines counted as <see cref="StepMethodOverheadTerms"/>.
    /// </summary>
    public static long WrittenOutTerms(CellKind cell, int hidden, int outputs, int steps, int layers)
    {
        int gates = ParameterLayout.GateCount(cell);
        long perStep = ((long)gates * (hidden + 2)) + outputs + ((long)gates * hidden) + (2 * StepMethodOverheadTerms);
        return (long)steps * layers * perStep;
    }

    /// <summary>The number of row terms in the largest step method of an unrolled network of this shape.</summary>
    public static int LargestStepTerms(CellKind cell, int inputs, int hidden, int outputs)
    {
        int gates = ParameterLayout.GateCount(cell);
        // Forward: each gate sums its input projection, a bias and Hidden recurrent rows. Backward: the hidden gradient
        // sums Outputs + the recurrent rows of every gate. The weight gradients are batched over steps outside. In a stack,
        // a layer below the last sums one row (the gradient from the layer above) in place of the Outputs rows.
        long forward = (long)gates * (hidden + 2);
        long backward = outputs + ((long)gates * hidden);
        long largest = forward > backward ? forward : backward;
        return largest > int.MaxValue ? int.MaxValue : (int)largest;
    }

    /// <summary>Why a shape cannot be unrolled, or null when it can.</summary>
    public static string? WhyNotUnrollable(CellKind cell, int inputs, int hidden, int outputs, int steps, int layers)
    {
        if (layers == 1 && steps > MaxUnrolledSteps)
            return $"{steps} steps, more than {MaxUnrolledSteps}";
        if ((long)steps * layers > MaxUnrolledSteps)
            return $"{steps} steps in each of {layers} layers, {(long)steps * layers} step methods each way, more than {MaxUnrolledSteps}";
        int terms = LargestStepTerms(cell, inputs, hidden, outputs);
        if (terms > MaxTermsPerStepMethod)
            return $"{terms} row terms in one step method, more than {MaxTermsPerStepMethod}";
        return null;
    }

    /// <summary>
    /// The layout <see cref="Unroll.Auto"/> picks; every layer counts toward its budget of steps. Narrow layers (at most
    /// <see cref="AutoMaxHidden"/> units) whose step fits one method are written out: every step in a method of its own
    /// while the budget of written-out terms allows, else one step method each way called in a loop over the steps
    /// (<c>StepsInLoop</c>), whose code does not grow with the sequence. A loop over blocks of several steps was no better:
    /// within the JIT's inlining budget one method holds a single step of these widths (see
    /// <see cref="MaxTermsPerStepMethod"/>), so a block is a run of calls to step methods all the same, and the loop
    /// over one step is what is left of the cost (benchmarks/README.md, "First call and Auto's budget").
    /// </summary>
    public static (Unroll Unroll, bool StepsInLoop) ChooseAutomatically(CellKind cell, int inputs, int hidden, int outputs, int steps, int layers)
    {
        if (hidden > AutoMaxHidden || LargestStepTerms(cell, inputs, hidden, outputs) > MaxTermsPerStepMethod)
            return (Unroll.None, false);
        bool everyStepWrittenOut = (long)steps * layers <= AutoMaxSteps && WhyNotUnrollable(cell, inputs, hidden, outputs, steps, layers) is null
            && WrittenOutTerms(cell, hidden, outputs, steps, layers) <= AutoMaxWrittenOutTerms;
        return (Unroll.Full, !everyStepWrittenOut);
    }
}
