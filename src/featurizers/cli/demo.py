"""Show the built package predicting the pipeline's sample messages in Node."""

import json
import subprocess

from featurizers.compiler import toolchain


def demo(artifacts):
    samples = list(getattr(artifacts.module(), "SAMPLES", []))
    stdin = "".join(json.dumps(text) + "\n" for text in samples)
    bundle = artifacts.bundle
    result = subprocess.run(
        [str(toolchain.node()), str(bundle), "predict"], input=stdin, capture_output=True, text=True, cwd=artifacts.root
    )
    if result.returncode != 0:
        print(result.stderr, end="")
        return result.returncode
    print(f"[{artifacts.name}] predictions from Node (node {artifacts.shown(bundle)} predict):")
    lines = result.stdout.splitlines()
    width = max((len(json.loads(line)[0]["label"]) for line in lines), default=0)
    for sample, line in zip(samples, lines):
        ranked = json.loads(line)
        scores = "  ".join(f"{r['label']} {r['score']:.4f}" for r in ranked)
        text = sample if isinstance(sample, str) else json.dumps(sample)
        shown = text if len(text) <= 70 else text[:67] + "..."
        print(f"  {ranked[0]['label']:>{width}}  ({scores})  {shown}")
    return 0
