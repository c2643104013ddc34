#!/usr/bin/env python3
"""check-screenshots.py METAINFO SCREENSHOT_DIR: every picture the metainfo lists is in the
repository (data/screenshots, made by build-aux/screenshots), is a PNG of the size it declares,
has a caption, and at least four are listed, the first the default."""
import os
import struct
import sys
import xml.etree.ElementTree as ET

PREFIX = "https://raw.githubusercontent.com/socketlab/socket-lab/main/data/screenshots/"


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        sys.exit(f"FAIL: {path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def main():
    metainfo, folder = sys.argv[1], sys.argv[2]
    shots = ET.parse(metainfo).getroot().findall("./screenshots/screenshot")
    if len(shots) < 4:
        sys.exit(f"FAIL: {len(shots)} screenshots listed, at least 4 wanted")
    if shots[0].get("type") != "default":
        sys.exit("FAIL: the first screenshot is not the default")
    for shot in shots:
        image, caption = shot.find("image"), shot.find("caption")
        if caption is None or not (caption.text or "").strip():
            sys.exit(f"FAIL: a screenshot has no caption: {image.text}")
        if not image.text.startswith(PREFIX):
            sys.exit(f"FAIL: {image.text} is not in the repository's data/screenshots")
        path = os.path.join(folder, image.text[len(PREFIX):])
        if not os.path.exists(path):
            sys.exit(f"FAIL: {path} is missing: run build-aux/screenshots")
        width, height = png_size(path)
        if (str(width), str(height)) != (image.get("width"), image.get("height")):
            sys.exit(f"FAIL: {path} is {width}×{height}, the metainfo says "
                     f"{image.get('width')}×{image.get('height')}")
        print(f"ok {os.path.basename(path)} {width}×{height}: {caption.text.strip()}")


main()
