/*
 * Contested's map code. The map's script (built by geo/map/) calls these functions with the map or a layer
 * group and one options object encoded as JSON for a script element, as folium's plugins do.
 *
 * Everything in the options may come from a data file. Text reaches HTML only through esc(), numbers only
 * through Number(); functions that build HTML strings end in "Html" (tests/test_escaping_rule.py reads this
 * file and holds it to that).
 */
(function (root) {
    "use strict";

    /** Escape text for HTML, attribute values included. */
    function esc(value) {
        return String(value == null ? "" : value)
            .replace(/&/g, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;")
            .replace(/"/g, "&quot;")
            .replace(/'/g, "&#39;");
    }

    /**
     * Fetch the boundary files by URL and draw them under everything else, with the oblasts' names.
     * Loading by URL keeps about 60 KB of boundaries out of the payload re-sent on every rerun.
     */
    function boundaries(map, options) {
        map.createPane("boundaries");
        map.getPane("boundaries").style.zIndex = 350;
        map.getPane("boundaries").style.pointerEvents = "none";
        fetch(options.oblasts).then(function (r) { return r.json(); }).then(function (data) {
            L.geoJSON(data, {
                pane: "boundaries",
                interactive: false,
                style: function (f) {
                    var russia = f.properties.country === "Russia";
                    return {color: "#555", weight: 1.2, fillOpacity: 0.55, fillColor: russia ? "#f3ece4" : "#e8eef3"};
                }
            }).addTo(map);
            data.features.forEach(function (f) {
                L.marker([f.properties.label_lat, f.properties.label_lon], {
                    pane: "boundaries",
                    interactive: false,
                    icon: L.divIcon({className: "contested-oblast-label", iconSize: null,
                                     html: esc(f.properties.name)})
                }).addTo(map);
            });
        }).catch(function () { console.warn("Contested: oblast boundaries not available"); });
        fetch(options.border).then(function (r) { return r.json(); }).then(function (data) {
            L.geoJSON(data, {pane: "boundaries", interactive: false,
                             style: {color: "#222", weight: 2.5, dashArray: "8 4"}}).addTo(map);
        }).catch(function () { console.warn("Contested: border line not available"); });
    }

    /**
     * Keep a press on the map from scrolling the dashboard under the mouse. Leaflet focuses the map's container
     * on mousedown, for keyboard panning; when the map reaches below the window, that focus scrolls the page
     * between mousedown and mouseup and the click misses its marker. preventScroll keeps keyboard panning.
     */
    function focusWithoutScrolling(map) {
        var container = map.getContainer();
        var focus = container.focus;
        container.focus = function () { return focus.call(container, {preventScroll: true}); };
    }

    /** Settlement markers from one compact array of [lat, lon, class, approximate, name]. */
    function settlementDots(group, options) {
        options.rows.forEach(function (r) {
            L.circleMarker([r[0], r[1]], {
                pane: options.pane, radius: 7, color: "#212121", weight: 2,
                dashArray: r[3] ? "4 3" : null, fill: true, fillColor: options.colours[r[2]], fillOpacity: 0.9
            }).bindTooltip(esc(r[4])).addTo(group);
        });
    }

    /** The popup of one control area: claimant, status, period and source, all escaped. */
    function areaSourceHtml(p) {
        if (!p.source_url || !/^https?:\/\//i.test(p.source_url)) { return esc(p.source_outlet); }
        return "<a href=\"" + esc(p.source_url) + "\" target=\"_blank\" rel=\"noopener noreferrer\">"
            + esc(p.source_outlet) + "</a>";
    }

    function areaNoteHtml(p) {
        if (!p.note) { return ""; }
        return "<div>" + esc(p.note) + "</div>";
    }

    function areaSnapshotHtml(p) {
        if (!p.snapshot) { return ""; }
        return " (snapshot " + esc(p.snapshot) + ")";
    }

    function areaPopupHtml(p) {
        return "<div class=\"contested-popup\"><b>" + esc(p.status_label) + "</b>"
            + "<div class=\"meta\">" + esc(p.claimant_label) + ", " + esc(p.period) + "</div>"
            + areaNoteHtml(p)
            + "<div class=\"meta\">Source: " + areaSourceHtml(p) + areaSnapshotHtml(p) + "</div></div>";
    }

    /** Control areas valid on the day: translucent fills by status, outlined, in their own pane. */
    function areas(group, options) {
        L.geoJSON({type: "FeatureCollection", features: options.features}, {
            pane: options.pane,
            style: function (f) {
                var colour = options.colours[f.properties.status] || "#555";
                return {color: colour, weight: 1.5, opacity: 0.9, fillColor: colour, fillOpacity: 0.28};
            },
            onEachFeature: function (f, layer) {
                layer.bindPopup(areaPopupHtml(f.properties), {maxWidth: 360});
            }
        }).addTo(group);
    }

    function badgeHtml(count) {
        return "<div><span>" + Number(count) + "</span></div>";
    }

    function badge(count) {
        var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
        return L.divIcon({
            html: badgeHtml(count),
            iconSize: L.point(40, 40),
            className: "marker-cluster marker-cluster-" + size + " contested-event-cell"
        });
    }

    function cellTooltipHtml(cell, typeNames) {
        var lines = ["<b>" + Number(cell[2]) + (cell[2] === 1 ? " event" : " events") + " here</b>"];
        for (var t = 0; t < typeNames.length; t++) {
            if (cell[3 + t]) { lines.push(esc(typeNames[t]) + ": " + Number(cell[3 + t])); }
        }
        return lines.join("<br>");
    }

    /**
     * Cells of counted events, [lat, lon, total, count per type...]: one numbered badge per cell, merged into
     * badges showing the summed count when zoomed out, so every number on the map is a count of events.
     */
    function eventCells(group, options) {
        var cluster = L.markerClusterGroup({
            maxClusterRadius: 40, disableClusteringAtZoom: 11, showCoverageOnHover: false,
            iconCreateFunction: function (merged) {
                var total = 0;
                merged.getAllChildMarkers().forEach(function (m) { total += m.options.eventCount; });
                return badge(total);
            }
        });
        cluster.addLayers(options.cells.map(function (cell) {
            return L.marker([cell[0], cell[1]], {icon: badge(cell[2]), eventCount: cell[2]})
                .bindTooltip(cellTooltipHtml(cell, options.typeNames));
        }));
        group.addLayer(cluster);
    }

    root.Contested = {
        boundaries: boundaries,
        focusWithoutScrolling: focusWithoutScrolling,
        settlementDots: settlementDots,
        eventCells: eventCells,
        areas: areas
    };
})(window);
