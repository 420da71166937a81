"""Data: what is loaded and how it validated; your own files, for this browser session only."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from geo.deepstate_import import export_as_areas, is_deepstate_export
from geo.errors import DataError
from geo.escape import markdown_text
from geo.export import layer_to_geojson
from geo.io import detect_kind, parse_feature_collection
from geo.layer_kinds import KINDS_BY_NAME, LAYER_KINDS, in_words, layer_kind
from geo.merge import MAX_UPLOAD_BYTES, MAX_UPLOAD_FEATURES, check_upload
from geo.vocab import SIDE_LABELS
from ui.data import show_problems
from ui.session_data import session_dataset, uploads
from ui.settings import RUSSIAN_GROUND, TABLE_BLANK

MODE_LABELS = {"extend": "Add to the loaded data", "replace": "Replace that layer"}

data, problems = session_dataset()
if data is None:
    show_problems(problems)
    st.stop()

st.title("The data")
st.caption(
    "The sample data is compiled from public reporting: claims as each side made them, independent assessments as "
    "the trackers published them. It is not verified truth. See data/README.md for the schema and sources."
)

# --- what is loaded -----------------------------------------------------------------------
frames = {name: frame for name, frame in data.frames.items() if frame is not None}
counts = st.columns(len(frames) + 1)
for column, (name, frame) in zip(counts, frames.items(), strict=False):
    column.metric(layer_kind(name).label, len(frame))
counts[-1].metric("Your uploads (this session)", len(uploads()))
span = pd.concat([frames[kind.name][kind.dated_by] for kind in LAYER_KINDS if kind.dated_by and kind.name in frames])
st.markdown(f"Dates from **{span.min().date().isoformat()}** to **{span.max().date().isoformat()}**.")
by_claimant = (
    data.claims.groupby(["side", "claimant_label"]).size().rename("claims").reset_index()
    .assign(side=lambda f: f["side"].map(SIDE_LABELS))
)  # fmt: skip
st.dataframe(
    by_claimant,
    hide_index=True,
    placeholder=TABLE_BLANK,
    column_config={"side": "Side", "claimant_label": "Claimant", "claims": "Claims"},
)
shipped = in_words(LAYER_KINDS, "and")
st.success(f"The shipped files ({shipped}) passed validation.", icon="✅")

# --- upload ---------------------------------------------------------------------------------
st.header("Use your own file")
uploadable = in_words(LAYER_KINDS, "or")
st.markdown(
    f"Upload a GeoJSON file of {uploadable} (format: data/README.md), or one DeepStateMap export, which is "
    f"converted to control areas as `python -m geo import-deepstate` would. It is checked with the same "
    f"rules as the shipped data and used **only in this browser session**: nothing is saved on the server and your "
    f"file is never changed. Limits: {MAX_UPLOAD_BYTES // (1024 * 1024)} MB and {MAX_UPLOAD_FEATURES:,} features "
    f"per file; UTF-8 GeoJSON only."
)
options = st.columns(3)
kind_choice = options[0].selectbox(
    "The file holds",
    ["detect", *KINDS_BY_NAME],
    format_func=lambda k: "Detect from the file" if k == "detect" else layer_kind(k).label,
)
mode = options[1].radio("Use it to", list(MODE_LABELS), format_func=MODE_LABELS.get)
keep_valid = options[2].radio(
    "If some features have problems",
    [True, False],
    format_func=lambda keep: "Keep the valid ones, drop the bad ones" if keep else "Reject the whole file",
)
uploaded = st.file_uploader("GeoJSON file", type=["geojson", "json"], key="upload_file")

if uploaded is not None:
    raw = uploaded.getvalue()
    kind = kind_choice
    if kind == "detect":
        try:
            kind = detect_kind(parse_feature_collection(raw, uploaded.name, max_bytes=MAX_UPLOAD_BYTES).features)
        except DataError:
            kind = LAYER_KINDS[0].name  # the check below reports why the file cannot be read
    converted = None
    if kind_choice in ("detect", "areas"):
        try:
            if is_deepstate_export(parse_feature_collection(raw, uploaded.name, max_bytes=MAX_UPLOAD_BYTES).features):
                converted = export_as_areas(raw, uploaded.name, RUSSIAN_GROUND)
        except DataError as err:
            st.error(
                "This DeepStateMap export could not be converted: " + markdown_text("; ".join(map(str, err.problems)))
            )
            st.stop()
    if converted is not None:
        raw, kind = converted, "areas"
        st.info(
            "Read as a DeepStateMap export: its Ukrainian-held and grey areas on Russian ground become control areas."
        )
    checked = check_upload(raw, uploaded.name, kind, data, mode=mode, keep_valid=keep_valid)
    read_as = layer_kind(kind).plural
    st.subheader(f"Check of the file, read as {read_as}")
    for note in checked.notes:
        st.info(markdown_text(note))
    if checked.problems:
        st.warning(f"{len(checked.problems)} problem(s) found.")
        st.dataframe(
            pd.DataFrame(
                [
                    {"file": p.file, "feature": p.index, "id": p.feature_id, "field": p.field, "reason": p.reason}
                    for p in checked.problems
                ]
            ),
            hide_index=True,
            placeholder=TABLE_BLANK,
        )
    if checked.rejected:
        st.error("Nothing from this file will be used.")
    else:
        dropped = (
            f" {len(checked.dropped)} feature(s) dropped: {', '.join(map(str, checked.dropped))}."
            if checked.dropped
            else ""
        )
        st.markdown(f"{len(checked.records)} feature(s) can be used.{dropped}")
        digest = hashlib.sha256(raw).hexdigest()[:16]
        if st.button(f"Use in this session ({MODE_LABELS[mode].lower()})", key=f"apply_{digest}_{mode}_{kind}"):
            uploads().append(checked)
            st.rerun()

# --- this session's uploads --------------------------------------------------------------------
if uploads():
    st.header("Your uploads in this session")
    for number, upload in enumerate(uploads()):
        row = st.columns([5, 1])
        row[0].text(f"{upload.file}: {len(upload.records)} {upload.kind} ({MODE_LABELS[upload.mode].lower()})")
        if row[1].button("Remove", key=f"remove_{number}"):
            uploads().pop(number)
            st.rerun()

st.header("Download the data in use")
st.caption("The shipped data merged with your uploads, validated, as GeoJSON.")
downloads = st.columns(len(frames))
for column, (name, frame) in zip(downloads, frames.items(), strict=True):
    column.download_button(
        f"{layer_kind(name).label} ({len(frame)})",
        layer_to_geojson(frame, name),
        file_name=f"contested-{name}.geojson",
        mime="application/geo+json",
        key=f"download_{name}_{'-'.join(u.digest[:8] for u in uploads())}",  # a new button when the data changes
        on_click="ignore",
    )
