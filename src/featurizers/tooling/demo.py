"""Show the built bundle predicting the pipeline's sample messages in Node."""

import json
import subprocess

from featurizers.tooling.artifacts import Artifacts


def demo(name, root=None):
    artifacts = Artifacts(name, root)
    samples = list(getattr(artifacts.module(), "SAMPLES", []))
    stdin = "".join(json.dumps(text) + "\n" for text in samples)
    result = subprocess.run(
        ["node", str(artifacts.bundle), "predict"], input=stdin, capture_output=True, text=True, cwd=artifacts.root
    )
    if result.returncode != 0:
        print(result.stderr, end="")
        return result.returncode
    print(f"[{name}] predictions from Node (node {artifacts.bundle.relative_to(artifacts.root)} predict):")
    for text, line in zip(samples, result.stdout.splitlines()):
        ranked = json.loads(line)
        scores = "  ".join(f"{r['label']} {r['score']:.4f}" for r in ranked)
        shown = text if len(text) <= 70 else text[:67] + "..."
        print(f"  {ranked[0]['label']:>5}  ({scores})  {shown}")
    return 0
