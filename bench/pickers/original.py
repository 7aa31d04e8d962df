"""The original Frame Picker algorithm, as docs/product.md describes it, in its own stack
(Python + OpenCV), so the benchmark times the original itself and not a port of it.

It reads every frame at full resolution (cv2.VideoCapture decodes and converts each one to BGR),
keeps every 30th in memory, scores each on sharpness, brightness, contrast and, by mode, faces
and centre composition or edge density and quadrant spread, then picks greedily, best first,
with the minimum interval. Faults included: they are what the benchmark measures against.

    python3 original.py '{"video": "...", "mode": "profile", "count": 5, "minIntervalSec": 2,
                          "cascade": ".../haarcascade_frontalface_default.xml"}'

Prints one line, RESULT_MARKER + JSON, in the shape of bench/runner/child-protocol.ts.
"""

import json
import resource
import sys
import time

import cv2
import numpy as np

RESULT_MARKER = "PICK-ONCE-RESULT "
EVERY_NTH_FRAME = 30
SHARPNESS_THRESHOLD = 150  # "balanced"; fast 100, best 200
PROFILE_WEIGHTS = {"sharpness": 0.30, "brightness": 0.20, "contrast": 0.20, "face": 0.20, "composition": 0.10}
ACTION_WEIGHTS = {"sharpness": 0.25, "brightness": 0.15, "contrast": 0.20, "motion": 0.25, "composition": 0.15}


def base_terms(gray):
    return {
        "sharpness": min(1.0, cv2.Laplacian(gray, cv2.CV_64F).var() / SHARPNESS_THRESHOLD),
        "brightness": 1 - abs(float(gray.mean()) - 127) / 127,
        "contrast": min(1.0, float(gray.std()) / 80),
    }


def face_score(faces, area):
    if len(faces) == 0:
        return 0.1
    if len(faces) > 1:
        return 0.6
    _, _, w, h = faces[0]
    share = (w * h) / area
    return 1.0 if 0.05 <= share <= 0.30 else 0.7


def profile_score(gray, cascade):
    h, w = gray.shape
    faces = cascade.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(30, 30))
    centre = gray[h // 3 : 2 * h // 3, w // 3 : 2 * w // 3]
    terms = {**base_terms(gray), "face": face_score(faces, w * h), "composition": min(1.0, float(centre.std()) / 50)}
    return sum(PROFILE_WEIGHTS[k] * terms[k] for k in PROFILE_WEIGHTS)


def action_score(gray):
    h, w = gray.shape
    edges = cv2.Canny(gray, 50, 150)
    density = np.count_nonzero(edges) / edges.size
    quadrants = [gray[: h // 2, : w // 2], gray[: h // 2, w // 2 :], gray[h // 2 :, : w // 2], gray[h // 2 :, w // 2 :]]
    spread = sum(1 for q in quadrants if float(q.std()) > 20) / 4
    terms = {**base_terms(gray), "motion": min(1.0, density * 5), "composition": spread}
    return sum(ACTION_WEIGHTS[k] * terms[k] for k in ACTION_WEIGHTS)


def greedy_select(scored, count, min_interval):
    picks = []
    for t, score in sorted(scored, key=lambda s: (-s[1], s[0])):
        if len(picks) >= count:
            break
        if all(abs(t - p[0]) >= min_interval for p in picks):
            picks.append((t, score))
    return picks


def main():
    args = json.loads(sys.argv[1])
    cascade = None
    load_ms = None
    if args["mode"] == "profile":
        load_start = time.perf_counter()
        cascade = cv2.CascadeClassifier(args["cascade"])
        if cascade.empty():
            raise SystemExit(f"cannot load the face cascade {args['cascade']}")
        load_ms = (time.perf_counter() - load_start) * 1000

    start = time.perf_counter()
    capture = cv2.VideoCapture(args["video"])
    if not capture.isOpened():
        raise SystemExit(f"cannot open {args['video']}")
    fps = capture.get(cv2.CAP_PROP_FPS) or 30
    kept = []  # the original held every sampled frame until the end
    index = 0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        if index % EVERY_NTH_FRAME == 0:
            kept.append((index / fps, frame))
        index += 1
    capture.release()

    scored = []
    for t, frame in kept:
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        scored.append((t, profile_score(gray, cascade) if cascade is not None else action_score(gray)))
    picks = greedy_select(scored, args["count"], args["minIntervalSec"])
    pick_ms = (time.perf_counter() - start) * 1000

    result = {
        "picks": [{"timestampSec": t, "score": s} for t, s in picks],
        "samples": len(scored),
        "pickMs": pick_ms,
        "detectorLoadMs": load_ms,
        # ru_maxrss is in KiB on Linux, in bytes on macOS.
        "processMaxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024),
    }
    sys.stdout.write(RESULT_MARKER + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
