"""Soak test: the mutation generator of tests/test_mutaties.py over many more variants.

    python benchmarks/soak_mutaties.py                 # 20000 variants, seed of the suite
    python benchmarks/soak_mutaties.py -n 100000 --seed 7 --processen 4
    python benchmarks/soak_mutaties.py --variant 1234 --bewaar kapot.xlsx   # one variant, kept

Prints how many variants ended in each exit status, the time per file, and every
variant that broke a promise (with its damage, to reproduce it); exits 1 if any did.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_mutaties import SEED, toets_parallel, toets_reeks, variant  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", "--aantal", type=int, default=20_000)
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--processen", type=int, default=2)
    p.add_argument("--variant", type=int, help="run only this variant")
    p.add_argument("--bewaar", type=Path, help="with --variant: write the damaged werkplan here")
    args = p.parse_args()

    if args.variant is not None:
        v = variant(args.variant, args.seed)
        print(f"variant {args.variant}: {'; '.join(v.stappen)}")
        if args.bewaar:
            args.bewaar.write_bytes(v.inhoud)
        uitslag = toets_reeks([args.variant], args.seed)
    else:
        begin = time.perf_counter()
        uitslag = toets_parallel(args.aantal, args.seed, args.processen)
        duur = time.perf_counter() - begin
        print(f"{args.aantal} varianten in {duur:.1f} s: {1000 * duur / args.aantal:.1f} ms per bestand "
              f"({args.processen} processen, {1000 * duur * args.processen / args.aantal:.1f} ms rekentijd)")
    for code, aantal in sorted(uitslag.codes.items(), key=str):
        print(f"  exit {code}: {aantal}")
    for fout in uitslag.fouten:
        print(fout)
    return 1 if uitslag.fouten else 0


if __name__ == "__main__":
    sys.exit(main())
