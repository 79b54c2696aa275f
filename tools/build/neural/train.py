"""Trains the neural mark model and exports it to ONNX (run by tools/build/neural.ts).

Input: the encoded training and validation streams the TS wrapper wrote to --data
(<name>.ids int32, <name>.shapes uint8, <name>.labels int16 with -1 for pieces that are not
words). Model: skeleton embedding (64) + shape embedding (8) -> BiLSTM (128 per direction)
-> linear -> log-softmax over mark classes, for every piece. Trained on windows of WINDOW
pieces (the run-time scorer reads the same windows: a core of CORE pieces with MARGIN pieces
of context on each side), one CPU thread, for --minutes; then exported (opset 14) with
int32 inputs `ids`, `shapes` [batch, time] and output `logprobs` [batch, time, classes].
"""
import argparse
import json
import math
import time

import numpy as np
import torch
from torch import nn

CORE, MARGIN = 64, 16
WINDOW = CORE + 2 * MARGIN
SHAPES = 9
UNK_ID, FIRST_SKELETON_ID = 1, 4
# Skeletons replaced by <unk> during training, so the model learns to read unknown words from context.
WORD_DROPOUT = 0.03


class MarkModel(nn.Module):
    def __init__(self, vocab, classes, embedding, shape_dim, hidden):
        super().__init__()
        self.skeletons = nn.Embedding(vocab, embedding, padding_idx=0)
        self.shapes = nn.Embedding(SHAPES, shape_dim)
        self.lstm = nn.LSTM(embedding + shape_dim, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, classes)

    def logits(self, ids, shapes):
        x = torch.cat([self.skeletons(ids.long()), self.shapes(shapes.long())], dim=-1)
        h, _ = self.lstm(x)
        return self.out(h)

    def forward(self, ids, shapes):
        return torch.log_softmax(self.logits(ids, shapes), dim=-1)


def load(data, name):
    ids = np.fromfile(f"{data}/{name}.ids", dtype=np.int32)
    shapes = np.fromfile(f"{data}/{name}.shapes", dtype=np.uint8).astype(np.int32)
    labels = np.fromfile(f"{data}/{name}.labels", dtype=np.int16).astype(np.int64)
    return ids, shapes, labels


def windows(arrays, offset):
    """The streams cut into whole windows starting at `offset`: [count, WINDOW] each."""
    n = (len(arrays[0]) - offset) // WINDOW
    return [a[offset:offset + n * WINDOW].reshape(n, WINDOW) for a in arrays]


def accuracy(model, stream, batch=256):
    ids, shapes, labels = windows(stream, 0)
    right = total = 0
    model.eval()
    with torch.no_grad():
        for b in range(0, len(ids), batch):
            logits = model.logits(torch.from_numpy(ids[b:b + batch]), torch.from_numpy(shapes[b:b + batch]))
            gold = torch.from_numpy(labels[b:b + batch])
            mask = gold >= 0
            right += int(((logits.argmax(-1) == gold) & mask).sum())
            total += int(mask.sum())
    model.train()
    return right / max(1, total)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--vocab", type=int, required=True)
    p.add_argument("--classes", type=int, required=True)
    p.add_argument("--minutes", type=float, required=True)
    p.add_argument("--onnx", required=True)
    p.add_argument("--report", required=True)
    p.add_argument("--tiny", action="store_true")
    p.add_argument("--seed", type=int, default=20)
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    # The tiny model is the unit tests' fixture (<= 100 KB): same graph, small sizes.
    embedding, shape_dim, hidden, batch, lr = (8, 4, 16, 16, 1e-2) if a.tiny else (64, 8, 128, 64, 3e-3)
    model = MarkModel(a.vocab, a.classes, embedding, shape_dim, hidden)
    train = load(a.data, "train")
    validation = load(a.data, "validation")
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    loss_of = nn.CrossEntropyLoss(ignore_index=-1)
    budget = a.minutes * 60
    start = time.time()
    steps = seen = epoch = 0
    done = False
    while not done:
        ids, shapes, labels = windows(train, int(rng.integers(0, WINDOW)))
        order = rng.permutation(len(ids))
        for b in range(0, len(order), batch):
            elapsed = time.time() - start
            if elapsed >= budget:
                done = True
                break
            # Linear warm-up over the first 100 steps, then linear decay to a tenth with the time spent.
            scale = min(1.0, (steps + 1) / 100) * (1 - 0.9 * elapsed / budget)
            for group in optimiser.param_groups:
                group["lr"] = lr * scale
            pick = order[b:b + batch]
            x = torch.from_numpy(ids[pick].copy())
            drop = torch.rand(x.shape) < WORD_DROPOUT
            x[drop & (x >= FIRST_SKELETON_ID)] = UNK_ID
            logits = model.logits(x, torch.from_numpy(shapes[pick]))
            loss = loss_of(logits.reshape(-1, a.classes), torch.from_numpy(labels[pick]).reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            steps += 1
            seen += len(pick) * WINDOW
            if steps % 200 == 0:
                print(f"step {steps} epoch {epoch} tokens {seen:,} loss {loss.item():.4f} "
                      f"{seen / (time.time() - start):,.0f} tok/s", flush=True)
        epoch += 1
    seconds = time.time() - start
    acc = accuracy(model, validation)
    print(f"trained {seconds / 60:.1f} min, {steps} steps, {seen:,} tokens; validation mark accuracy {acc * 100:.2f} %", flush=True)
    model.eval()
    example = (torch.zeros(2, WINDOW, dtype=torch.int32), torch.zeros(2, WINDOW, dtype=torch.int32))
    torch.onnx.export(model, example, a.onnx, opset_version=14, input_names=["ids", "shapes"], output_names=["logprobs"],
                      dynamic_axes={"ids": {0: "batch", 1: "time"}, "shapes": {0: "batch", 1: "time"}, "logprobs": {0: "batch", 1: "time"}})
    with open(a.report, "w") as f:
        json.dump({"window": {"core": CORE, "margin": MARGIN}, "embedding": embedding, "hidden": hidden, "minutes": round(seconds / 60, 1),
                   "steps": steps, "tokensSeen": seen, "epochs": round(seen / max(1, len(train[0])), 2),
                   "validationAccuracy": acc, "torch": torch.__version__}, f)


if __name__ == "__main__":
    main()
