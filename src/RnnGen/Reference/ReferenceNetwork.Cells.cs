using System;

namespace RnnGen;

// The three cells of API.md section 3, forward and backward, one time step of one layer each (t is 0-based here).
public sealed partial class ReferenceNetwork<T>
{
    // ---- Elman: a_t = x_t·W_xh + h_{t-1}·W_hh + b_h, h_t = f(a_t). ----

    private void ForwardElmanStep(LayerBuffers layer, int t)
    {
        Span<T> h = Hidden(layer, t + 1);
        for (int j = 0; j < Shape.Hidden; j++)
            h[j] = Activate(Shape.HiddenActivation, InputPart(layer, t, j) + RecurrentPart(layer, t, j, withBias: false));
    }

    /// <summary>da_t = dh_t ⊙ f'(a_t); then the weight gradients and dL/dh_{t-1} = W_hh·da_t.</summary>
    private void BackwardElmanStep(LayerBuffers layer, int t, ReadOnlySpan<T> hiddenGradient, Span<T> previousStateGradient)
    {
        Span<T> h = Hidden(layer, t + 1), preActivationGradient = gateGradient;
        for (int j = 0; j < Shape.Hidden; j++)
            preActivationGradient[j] = hiddenGradient[j] * DerivativeFromOutput(Shape.HiddenActivation, h[j]);
        AccumulateGateGradients(layer, t, preActivationGradient, preActivationGradient);
        BackwardThroughRecurrentWeights(layer, preActivationGradient, previousStateGradient);
    }

    // ---- LSTM, gates i, f, g, o: c_t = f ⊙ c_{t-1} + i ⊙ g, h_t = o ⊙ tanh(c_t). ----

    private void ForwardLstmStep(LayerBuffers layer, int t)
    {
        int hidden = Shape.Hidden;
        Span<T> gate = Step(layer.Gates, t, 4 * hidden), tanhC = Step(layer.CellTanh, t, hidden);
        Span<T> previous = State(layer, t), next = State(layer, t + 1);
        for (int j = 0; j < hidden; j++)
        {
            T input = SigmoidOperator<T>.Invoke(InputPart(layer, t, j) + RecurrentPart(layer, t, j, withBias: false));
            T forget = SigmoidOperator<T>.Invoke(InputPart(layer, t, hidden + j) + RecurrentPart(layer, t, hidden + j, withBias: false));
            T candidate = TanhOperator<T>.Invoke(InputPart(layer, t, (2 * hidden) + j) + RecurrentPart(layer, t, (2 * hidden) + j, withBias: false));
            T output = SigmoidOperator<T>.Invoke(InputPart(layer, t, (3 * hidden) + j) + RecurrentPart(layer, t, (3 * hidden) + j, withBias: false));
            T cell = (forget * previous[hidden + j]) + (input * candidate);
            gate[j] = input;
            gate[hidden + j] = forget;
            gate[(2 * hidden) + j] = candidate;
            gate[(3 * hidden) + j] = output;
            tanhC[j] = TanhOperator<T>.Invoke(cell);
            next[j] = output * tanhC[j];
            next[hidden + j] = cell;
        }
    }

    /// <summary>
    /// dc_t = dh_t ⊙ o ⊙ (1 − tanh²c_t) + dc from step t + 1; gate gradients di = dc ⊙ g, df = dc ⊙ c_{t-1},
    /// dg = dc ⊙ i, do = dh ⊙ tanh c_t, each times its activation's derivative; dc_{t-1} = dc_t ⊙ f.
    /// </summary>
    private void BackwardLstmStep(LayerBuffers layer, int t, ReadOnlySpan<T> hiddenGradient, Span<T> previousStateGradient)
    {
        int hidden = Shape.Hidden;
        Span<T> gate = Step(layer.Gates, t, 4 * hidden), tanhC = Step(layer.CellTanh, t, hidden), previous = State(layer, t);
        for (int j = 0; j < hidden; j++)
        {
            T input = gate[j], forget = gate[hidden + j], candidate = gate[(2 * hidden) + j], output = gate[(3 * hidden) + j];
            T cellGradient = (hiddenGradient[j] * output * TanhOperator<T>.DerivativeFromOutput(tanhC[j]))
                + previousStateGradient[hidden + j];
            gateGradient[j] = cellGradient * candidate * SigmoidOperator<T>.DerivativeFromOutput(input);
            gateGradient[hidden + j] = cellGradient * previous[hidden + j] * SigmoidOperator<T>.DerivativeFromOutput(forget);
            gateGradient[(2 * hidden) + j] = cellGradient * input * TanhOperator<T>.DerivativeFromOutput(candidate);
            gateGradient[(3 * hidden) + j] = hiddenGradient[j] * tanhC[j] * SigmoidOperator<T>.DerivativeFromOutput(output);
            previousStateGradient[hidden + j] = cellGradient * forget;
        }
        AccumulateGateGradients(layer, t, gateGradient, gateGradient);
        BackwardThroughRecurrentWeights(layer, gateGradient, previousStateGradient);
    }

    // ---- GRU, gates r, z, n: n = tanh(x·W_x[:,n] + b_x[n] + r ⊙ (h_{t-1}·W_h[:,n] + b_h[n])), h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}. ----

    private void ForwardGruStep(LayerBuffers layer, int t)
    {
        int hidden = Shape.Hidden;
        Span<T> gate = Step(layer.Gates, t, 3 * hidden), recurrentCandidate = Step(layer.CandidateInput, t, hidden);
        Span<T> previous = Hidden(layer, t), next = Hidden(layer, t + 1);
        for (int j = 0; j < hidden; j++)
        {
            T reset = SigmoidOperator<T>.Invoke(InputPart(layer, t, j) + RecurrentPart(layer, t, j, withBias: true));
            T update = SigmoidOperator<T>.Invoke(InputPart(layer, t, hidden + j) + RecurrentPart(layer, t, hidden + j, withBias: true));
            recurrentCandidate[j] = RecurrentPart(layer, t, (2 * hidden) + j, withBias: true);
            T candidate = TanhOperator<T>.Invoke(InputPart(layer, t, (2 * hidden) + j) + (reset * recurrentCandidate[j]));
            gate[j] = reset;
            gate[hidden + j] = update;
            gate[(2 * hidden) + j] = candidate;
            next[j] = ((T.One - update) * candidate) + (update * previous[j]);
        }
    }

    /// <summary>
    /// dn = dh ⊙ (1 − z), dz = dh ⊙ (h_{t-1} − n), dh_{t-1} gets dh ⊙ z directly; the pre-activation of n splits into
    /// the input part (gradient dn') and r ⊙ the recurrent part (gradient dn' ⊙ r, and dr = dn' ⊙ recurrent part).
    /// </summary>
    private void BackwardGruStep(LayerBuffers layer, int t, ReadOnlySpan<T> hiddenGradient, Span<T> previousStateGradient)
    {
        int hidden = Shape.Hidden;
        Span<T> gate = Step(layer.Gates, t, 3 * hidden), recurrentCandidate = Step(layer.CandidateInput, t, hidden), previous = Hidden(layer, t);
        Span<T> direct = stateGradient.AsSpan(Shape.LayerStateSize + hidden, hidden);
        for (int j = 0; j < hidden; j++)
        {
            T reset = gate[j], update = gate[hidden + j], candidate = gate[(2 * hidden) + j];
            T candidateGradient = hiddenGradient[j] * (T.One - update) * TanhOperator<T>.DerivativeFromOutput(candidate);
            T resetGradient = candidateGradient * recurrentCandidate[j] * SigmoidOperator<T>.DerivativeFromOutput(reset);
            T updateGradient = hiddenGradient[j] * (previous[j] - candidate) * SigmoidOperator<T>.DerivativeFromOutput(update);
            gateGradient[j] = recurrentGateGradient[j] = resetGradient;
            gateGradient[hidden + j] = recurrentGateGradient[hidden + j] = updateGradient;
            gateGradient[(2 * hidden) + j] = candidateGradient;
            recurrentGateGradient[(2 * hidden) + j] = candidateGradient * reset;
            direct[j] = hiddenGradient[j] * update;
        }
        AccumulateGateGradients(layer, t, gateGradient, recurrentGateGradient);
        BackwardThroughRecurrentWeights(layer, recurrentGateGradient, previousStateGradient);
        for (int j = 0; j < hidden; j++)
            previousStateGradient[j] += direct[j];
    }
}
