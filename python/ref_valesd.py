"""Reference outputs for edgeworks' formatValueEsd: GSAS-II's ValEsd rounding rules
(GSASIImath.ValEsd, the "19 rule"), written out here from its documented behaviour, evaluated
with Python's own round() and str.format (round-half-even, correctly rounded).

Writes test/fixtures/diffraction/valesd.json: [{value, esd, text}], esd 0 meaning "no esd".
Cases where ValEsd itself fails (value 0 with an esd, esd much larger than the value) are left out.
"""
import json
import math
import random
from pathlib import Path


def val_esd(value, esd):
    if esd != 0:
        l = math.log10(abs(esd)) % 1
        if l < 0.290034611362518:
            l += 1.0
        intesd = int(round(10 ** l))
        esdoff = int(round(math.log10(intesd * 1.0 / abs(esd))))
    else:
        esdoff = 5
    valoff = 0
    if esdoff < 0 or abs(value) > 1.0e6 or abs(value) < 1.0e-4:
        if abs(value) > 1:
            valoff = int(math.log10(abs(value)))
        else:
            valoff = int(math.log10(abs(value)) - 0.9999999)
    if esd != 0:
        out = ("{:." + str(valoff + esdoff) + "f}").format(value / 10 ** valoff)
    elif valoff != 0:
        out = ("{:." + str(esdoff) + "f}").format(value / 10 ** valoff)
    else:
        extra = -math.log10(abs(value))
        if extra > 0:
            extra += 1
        out = ("{:." + str(max(0, esdoff + int(extra))) + "f}").format(value)
    if esd > 0:
        out += "({:d})".format(intesd)
    if valoff != 0:
        out += "e{:d}".format(valoff)
    return out


def main():
    rng = random.Random(2017)
    cases = [(1.2346, 0.003), (12346.0, 30.0), (0.12346e7, 3000.0), (1.2346, 0.0), (4.95581, 0.00012),
             (4.95581, 0.00015), (4.95581, 0.000195), (109.2671, 0.0011), (0.0257, 0.0008), (-0.1234, 0.031),
             (0.125, 0.01), (2.5, 1.0), (0.5, 0.05), (5.0309, 0.00004), (12345.0, 67.0), (1.2, 1.2),
             (3.5e-5, 2e-6), (2.0e7, 3.0e4), (-7.77e-6, 0.0), (123.456, 0.0)]
    for _ in range(400):
        value = rng.choice([-1, 1]) * 10 ** rng.uniform(-5, 7)
        esd = 0.0 if rng.random() < 0.1 else abs(value) * 10 ** rng.uniform(-6, -0.2)
        cases.append((value, esd))
    for _ in range(100):  # round numbers: ties and exact digits
        value = rng.randint(-99999, 99999) / 10 ** rng.randint(0, 5)
        esd = rng.choice([1, 2, 5, 15, 19, 195, 25]) / 10 ** rng.randint(1, 6)
        cases.append((value, esd))
    out = []
    for value, esd in cases:
        if value == 0 or (esd != 0 and int(round(math.log10(max(abs(value), 1e-300)))) < int(round(math.log10(esd))) - 1):
            continue
        try:
            text = val_esd(value, esd)
        except ValueError:
            continue
        out.append({"value": value, "esd": esd, "text": text})
    path = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "diffraction" / "valesd.json"
    path.write_text(json.dumps(out, indent=0) + "\n")
    print(f"{len(out)} cases -> {path}")


if __name__ == "__main__":
    main()
