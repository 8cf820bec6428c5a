#!/usr/bin/env python3
"""Writes the PyTorch fixtures of SafeTensorsPyTorchTests: for each case, a safetensors file of a PyTorch model's
state_dict (<case>.safetensors) and what PyTorch computes with it for a fixed input (<case>.json).

Run from this folder with Debian's PyTorch (apt-get install python3-torch): /usr/bin/python3 make_fixtures.py
CI never runs it; the files it writes are checked in.

The model is the one of RnnGen's API.md section 8: nn.RNN/LSTM/GRU(inputs, hidden, num_layers, bias) followed by
nn.Linear(hidden, outputs, bias) and the output activation. The weights are rounded to the file's dtype first, so the
file holds exactly the weights PyTorch computes with; PyTorch then computes in float64. The safetensors container is
written here the way the safetensors package's save_file writes it (tensors sorted by dtype size then name, header
padded with spaces to 8 bytes, metadata {"format": "pt"}), since that package is not in Debian.
"""
import json
import struct

import torch

DTYPES = {"F16": torch.float16, "BF16": torch.bfloat16, "F32": torch.float32, "F64": torch.float64}
SIZES = {"F16": 2, "BF16": 2, "F32": 4, "F64": 8}
CELLS = {"Elman": torch.nn.RNN, "Lstm": torch.nn.LSTM, "Gru": torch.nn.GRU}

# name, cell, Elman nonlinearity, layers, bias, output activation, dtype, module names (rnn, linear), with metadata
CASES = [
    ("elman_tanh_bias_f32", "Elman", "tanh", 1, True, "Sigmoid", "F32", ("rnn", "fc"), True),
    ("elman_relu_nobias_f64", "Elman", "relu", 1, False, "Identity", "F64", ("rnn", "fc"), False),
    ("lstm_bias_bf16", "Lstm", None, 1, True, "Softmax", "BF16", ("rnn", "fc"), True),
    ("lstm_nobias_f32_named", "Lstm", None, 1, False, "Tanh", "F32", ("encoder.lstm", "head"), True),
    ("gru_bias_f16", "Gru", None, 1, True, "Sigmoid", "F16", ("rnn", "fc"), True),
    ("gru_nobias_f64", "Gru", None, 1, False, "Identity", "F64", ("rnn", "fc"), False),
    ("lstm2_bias_f32", "Lstm", None, 2, True, "Softmax", "F32", ("rnn", "fc"), True),
    ("gru2_nobias_bf16", "Gru", None, 2, False, "Sigmoid", "BF16", ("rnn", "fc"), True),
    ("elman3_relu_bias_f16", "Elman", "relu", 3, True, "Identity", "F16", ("rnn", "fc"), True),
]

INPUTS, HIDDEN, OUTPUTS, STEPS, BATCH = 3, 4, 2, 5, 2


class Encoder(torch.nn.Module):
    def __init__(self, rnn):
        super().__init__()
        self.lstm = rnn


class Model(torch.nn.Module):
    """A recurrent layer and a linear layer, registered under the case's names."""

    def __init__(self, cell, nonlinearity, layers, bias, names):
        super().__init__()
        kwargs = {"nonlinearity": nonlinearity} if cell == "Elman" else {}
        rnn = CELLS[cell](INPUTS, HIDDEN, num_layers=layers, bias=bias, **kwargs)
        linear = torch.nn.Linear(HIDDEN, OUTPUTS, bias=bias)
        self.rnn_path, self.linear_name = names
        if self.rnn_path == "encoder.lstm":
            self.encoder = Encoder(rnn)
        else:
            setattr(self, self.rnn_path, rnn)
        setattr(self, self.linear_name, linear)
        # A tuple is not registered as a submodule, so the state_dict names each tensor once, under the case's names.
        self.layers = (rnn, linear)


def activate(name, z):
    return {"Sigmoid": torch.sigmoid, "Tanh": torch.tanh, "Identity": lambda v: v,
            "Softmax": lambda v: torch.softmax(v, dim=-1)}[name](z)


def save_file(tensors, path, metadata):
    """safetensors' save_file: sort by dtype size (largest first) then name, offsets back to back, pad with spaces."""
    order = sorted(tensors.items(), key=lambda item: (-SIZES[item[1][0]], item[0]))
    header, offset, data = {}, 0, b""
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, (dtype, tensor) in order:
        raw = tensor_bytes(tensor, dtype)
        header[name] = {"dtype": dtype, "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)) + text + data)


def tensor_bytes(tensor, dtype):
    converted = tensor.detach().to(DTYPES[dtype]).contiguous()
    if dtype == "BF16":  # numpy has no bfloat16: write its bits
        converted = converted.view(torch.int16)
    return converted.numpy().astype(converted.numpy().dtype.newbyteorder("<")).tobytes()


def main():
    for name, cell, nonlinearity, layers, bias, output, dtype, names, metadata in CASES:
        torch.manual_seed(sum(map(ord, name)))
        model = Model(cell, nonlinearity, layers, bias, names)
        with torch.no_grad():
            for parameter in model.parameters():
                parameter.copy_(parameter.to(DTYPES[dtype]).to(torch.float32))
        state = model.state_dict()
        save_file({key: (dtype, value) for key, value in state.items()}, f"{name}.safetensors",
                  {"format": "pt"} if metadata else None)

        model = model.double()
        x = torch.randn(STEPS, BATCH, INPUTS, dtype=torch.float64)
        h0 = torch.randn(layers, BATCH, HIDDEN, dtype=torch.float64)
        h0[:, 0, :] = 0  # sequence 0 starts from the zero state
        c0 = torch.randn(layers, BATCH, HIDDEN, dtype=torch.float64)
        c0[:, 0, :] = 0
        with torch.no_grad():
            if cell == "Lstm":
                hs, (hn, cn) = model.layers[0](x, (h0, c0))
            else:
                hs, hn = model.layers[0](x, h0)
                cn = None
            y = activate(output, model.layers[1](hs))

        case = {
            "cell": cell, "inputs": INPUTS, "hidden": HIDDEN, "outputs": OUTPUTS, "steps": STEPS, "layers": layers,
            "bias": bias, "hidden_activation": (nonlinearity or "tanh").capitalize(), "output_activation": output,
            "dtype": dtype, "rnn": names[0], "linear": names[1], "batch": BATCH,
            "x": x.flatten().tolist(), "h_0": h0.flatten().tolist(), "y": y.flatten().tolist(), "h_n": hn.flatten().tolist(),
        }
        if cell == "Lstm":
            case["c_0"] = c0.flatten().tolist()
            case["c_n"] = cn.flatten().tolist()
        with open(f"{name}.json", "w") as file:
            json.dump(case, file, indent=1)
            file.write("\n")
        print(name, "torch", torch.__version__)


if __name__ == "__main__":
    main()
