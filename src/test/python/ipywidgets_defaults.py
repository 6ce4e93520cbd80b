"""Writes the default state of each core widget as ipywidgets itself builds it (the fixture
WidgetStateTest compares the Java widgets with). Run with a Python that has ipywidgets 8:

    python3 -m venv /tmp/ipyw && /tmp/ipyw/bin/pip install --retries 0 ipywidgets
    /tmp/ipyw/bin/python src/test/python/ipywidgets_defaults.py \
        > src/test/resources/dev/scalinglab/widgets/ipywidgets-defaults.json
"""
import base64
import json

import ipywidgets as w

CLASSES = [w.IntSlider, w.FloatSlider, w.FloatLogSlider, w.Dropdown, w.ToggleButtons,
           w.Checkbox, w.Button, w.Label, w.HTML, w.Output, w.Image, w.HBox, w.VBox]


def plain(state, refs):
    out = {}
    for key, value in state.items():
        if isinstance(value, (bytes, memoryview)):
            value = {"base64": base64.b64encode(bytes(value)).decode()}
        elif isinstance(value, str) and value in refs:
            value = refs[value]
        out[key] = value
    return out


def main():
    v = w._version
    fixture = {"ipywidgets": w.__version__, "protocol": v.__protocol_version__, "widgets": {}}
    for cls in CLASSES:
        widget = cls()
        refs = {"IPY_MODEL_" + widget.layout.model_id: "<layout>"}
        entry = {"layout": plain(widget.layout.get_state(), {})}
        if hasattr(widget, "style"):
            refs["IPY_MODEL_" + widget.style.model_id] = "<style>"
            entry["style"] = plain(widget.style.get_state(), {})
        entry["state"] = plain(widget.get_state(), refs)
        fixture["widgets"][cls.__name__] = entry
    print(json.dumps(fixture, indent=1, sort_keys=True, ensure_ascii=True))


if __name__ == "__main__":
    main()
