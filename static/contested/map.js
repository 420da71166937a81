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
        if (options.credit && map.attributionControl) { map.attributionControl.addAttribution(esc(options.credit)); }
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

    /** Settlement markers from one compact array of [lat, lon, class, approximate, name, weak]. */
    function settlementDots(group, options) {
        options.rows.forEach(function (r) {
            var colour = options.colours[r[2]];
            L.circleMarker([r[0], r[1]], {
                pane: options.pane, radius: options.radius, color: r[5] ? colour : "#212121", weight: 2,
                dashArray: r[3] ? "4 3" : null, fill: true, fillColor: colour, fillOpacity: r[5] ? 0.3 : 0.9
            }).bindTooltip(esc(r[4])).addTo(group);
        });
    }

    /** The pane for names and rings: over the settlements, under the events, never taking clicks. */
    function labelPane(map) {
        if (!map.getPane("settlementLabels")) {
            map.createPane("settlementLabels");
            map.getPane("settlementLabels").style.zIndex = 630;
            map.getPane("settlementLabels").style.pointerEvents = "none";
            map.createPane("pickedLabel");  // the picked village's name: over the events too
            map.getPane("pickedLabel").style.zIndex = 660;
            map.getPane("pickedLabel").style.pointerEvents = "none";
        }
    }

    /**
     * The village the reader picked: its true place, kept in this frame across reruns, and its yellow ring.
     * A click on a marker rings it at once, in the browser; a village picked from the list (or a link) is
     * named by selectedRing. Either way the markers' own layer does not change, so an open popup stays open.
     */
    var picked = {home: null, ring: null, serial: null};

    function drawRing(map) {
        if (picked.ring) { picked.ring.remove(); picked.ring = null; }
        if (!picked.home) { return; }
        var found = null;
        map.eachLayer(function (layer) {
            if (layer._contestedHome && layer._contestedHome.equals(picked.home)) { found = layer; }
        });
        if (!found) { return; }
        labelPane(map);
        var where = found.getLatLng();
        picked.ring = L.layerGroup([
            L.circleMarker(where, {pane: "settlementLabels", interactive: false, radius: picked.radius,
                color: "#ffd600", weight: 4, fill: false, className: "contested-selected"}),
            L.marker(where, {pane: "pickedLabel", interactive: false, keyboard: false,  // above the ring, on top
                icon: L.divIcon({className: "contested-label contested-picked", iconSize: null,
                                 iconAnchor: [12, picked.radius + 16], html: esc(found._contestedName)})})
        ]).addTo(map);
    }

    /**
     * Ring the village picked from the list or a link (lat and lon null: none), wherever its marker is drawn.
     * Each pick has its own serial: when the layers are re-added for another reason (a new date), the same
     * serial comes again and a village clicked since keeps its ring.
     */
    function selectedRing(group, options) {
        function start(map) {
            if (picked.serial === options.serial) { return; }
            picked.serial = options.serial;
            picked.home = options.lat === null ? null : L.latLng(options.lat, options.lon);
            picked.radius = options.radius + 5;
            setTimeout(function () { drawRing(map); }, 0);  // after settlementLayout has placed the markers
        }
        if (group._map) { start(group._map); } else { group.once("add", function () { start(group._map); }); }
    }

    /** Do two boxes {x0, y0, x1, y1} overlap? */
    function overlaps(a, b) {
        return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    }

    /**
     * Push screen points apart until no two are closer than `gap` pixels (a few rounds of pairwise pushes).
     * Points at the same spot are fanned out by their order, so the result is the same on every run.
     */
    function spread(points, gap) {
        for (var round = 0; round < 60; round++) {
            var moved = false;
            for (var i = 0; i < points.length; i++) {
                for (var j = i + 1; j < points.length; j++) {
                    var dx = points[j].x - points[i].x, dy = points[j].y - points[i].y;
                    var d = Math.sqrt(dx * dx + dy * dy);
                    if (d >= gap - 0.01) { continue; }
                    if (d < 0.01) { var a = (i * 7 + j * 13) % 360 * Math.PI / 180; dx = Math.cos(a); dy = Math.sin(a); d = 1; }
                    var push = (gap - d) / 2 + 0.05;
                    points[i].x -= dx / d * push; points[i].y -= dy / d * push;
                    points[j].x += dx / d * push; points[j].y += dy / d * push;
                    moved = true;
                }
            }
            if (!moved) { break; }
        }
        return points;
    }

    /**
     * Lay the settlement markers out for the current zoom: move overlapping markers apart on screen (a thin
     * line joins a moved marker to its true place), and label the markers whose names fit without covering
     * another name or marker, towns first, then villages.
     */
    function settlementLayout(group, options) {
        var markers = [];
        group.eachLayer(function (layer) {
            if (layer.options && layer.options.settlementIndex !== undefined) {
                markers[layer.options.settlementIndex] = layer;
                layer._contestedHome = layer.getLatLng();
                layer._contestedName = options.names[layer.options.settlementIndex];
                layer.on("click", function () {
                    picked.home = layer._contestedHome;
                    picked.radius = options.radius + 5;
                    drawRing(group._map);
                });
            }
        });
        var extras = L.layerGroup().addTo(group);
        var radius = options.radius;
        var labels = markers.map(function (marker, i) {
            return L.marker(marker._contestedHome, {
                pane: "settlementLabels", interactive: false, keyboard: false,
                icon: L.divIcon({className: "contested-label", iconSize: null, html: esc(options.names[i])})
            });
        });

        function layout() {
            var map = group._map;
            if (!map) { return; }
            extras.clearLayers();
            var homes = markers.map(function (m) { return map.latLngToLayerPoint(m._contestedHome); });
            var placed = spread(homes.map(function (p) { return L.point(p.x, p.y); }), 2 * radius + 2);
            markers.forEach(function (marker, i) {
                var where = map.layerPointToLatLng(placed[i]);
                marker.setLatLng(where);
                if (placed[i].distanceTo(homes[i]) > radius / 2) {
                    L.polyline([marker._contestedHome, where], {pane: options.pane || "settlements",
                        interactive: false, color: "#333", weight: 1, opacity: 0.7}).addTo(extras);
                    L.circleMarker(marker._contestedHome, {pane: "settlementLabels", interactive: false,
                        radius: 1.5, color: "#333", weight: 1, fill: true, fillOpacity: 1}).addTo(extras);
                }
            });
            var taken = placed.map(function (p) {
                return {x0: p.x - radius, y0: p.y - radius, x1: p.x + radius, y1: p.y + radius};
            });
            var order = markers.map(function (m, i) { return i; }).sort(function (a, b) {
                return (options.priority[b] - options.priority[a]) || (a - b);
            });
            order.forEach(function (i) {
                var width = 6.6 * String(options.names[i]).length + 6;
                var box = {x0: placed[i].x + radius + 2, y0: placed[i].y - 8, x1: placed[i].x + radius + 4 + width,
                           y1: placed[i].y + 8};
                var free = taken.every(function (other, k) { return k === i || !overlaps(box, other); });
                if (free) {
                    labels[i].setLatLng(map.layerPointToLatLng(L.point(placed[i].x + radius + 2, placed[i].y)));
                    labels[i].addTo(extras);
                    taken.push(box);
                }
            });
            drawRing(map);
        }

        function start(map) {
            labelPane(map);
            map.on("zoomend viewreset", layout);
            group.on("remove", function () { map.off("zoomend viewreset", layout); });
            layout();
        }
        if (group._map) { start(group._map); } else { group.once("add", function () { start(group._map); }); }
    }

    /**
     * Move the legend (written into the page by geo/map/base.py) into a Leaflet control, so it stays on the map
     * in fullscreen; it starts folded on a narrow map (a phone) and the reader opens it with its summary line.
     */
    function legend(map, options) {
        var element = document.querySelector(".contested-legend");
        if (!element) { return; }
        var control = L.control({position: "topright"});  // the north-east is open country, not the front
        control.onAdd = function () {
            L.DomEvent.disableClickPropagation(element);
            L.DomEvent.disableScrollPropagation(element);
            return element;
        };
        control.addTo(map);
        var details = element.querySelector("details");
        if (!details) { return; }
        if (map.getContainer().clientWidth < options.foldBelow) { details.open = false; }
        // While a popup is open the legend steps aside (map.css): its close button could sit under the legend.
    }

    /** Show the legend's section for the colour mode in use, and the stale-claim threshold (geo/map/base.py). */
    function legendMode(group, options) {
        document.querySelectorAll(".contested-legend .mode").forEach(function (section) {
            section.hidden = section.getAttribute("data-mode") !== String(options.mode);
        });
        document.querySelectorAll(".contested-legend .stale-days").forEach(function (span) {
            span.textContent = String(Number(options.staleDays));
        });
    }

    /**
     * OpenStreetMap tiles, only if the browser can reach them: the layer (and its credit) is added after one
     * probe tile has loaded. Offline, the probe fails quietly and the map keeps its own basemap, uncredited
     * to a tile source it does not show.
     */
    function politeTiles(map, options) {
        var probe = new Image();
        probe.onload = function () {
            L.tileLayer(options.url, {maxZoom: options.maxZoom, opacity: options.opacity,
                                      attribution: options.attribution}).addTo(map);
        };
        probe.onerror = function () { console.info("Contested: map tiles not reachable; using the local basemap"); };
        probe.src = options.probe;
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

    /**
     * A numbered square counting events: its own colour, never one a settlement marker uses. It hangs below and
     * to the right of its spot, so a village marker there stays in sight (and clickable) beside it.
     */
    function badge(count) {
        var size = count < 10 ? 20 : count < 100 ? 24 : 30;
        return L.divIcon({html: badgeHtml(count), iconSize: L.point(size, size), iconAnchor: L.point(-5, -5),
                          className: "contested-event-count"});
    }

    /** MarkerCluster's icon for a cluster of single events (geo/map/events.py names it). */
    function clusterBadge(cluster) {
        return badge(cluster.getChildCount());
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
            maxClusterRadius: 40, disableClusteringAtZoom: 11, showCoverageOnHover: false, clusterPane: options.pane,
            iconCreateFunction: function (merged) {
                var total = 0;
                merged.getAllChildMarkers().forEach(function (m) { total += m.options.eventCount; });
                return badge(total);
            }
        });
        cluster.addLayers(options.cells.map(function (cell) {
            return L.marker([cell[0], cell[1]], {icon: badge(cell[2]), eventCount: cell[2], pane: options.pane})
                .bindTooltip(cellTooltipHtml(cell, options.typeNames));
        }));
        group.addLayer(cluster);
    }

    root.Contested = {
        boundaries: boundaries,
        clusterBadge: clusterBadge,
        focusWithoutScrolling: focusWithoutScrolling,
        legend: legend,
        legendMode: legendMode,
        politeTiles: politeTiles,
        settlementDots: settlementDots,
        settlementLayout: settlementLayout,
        selectedRing: selectedRing,
        eventCells: eventCells,
        areas: areas
    };
})(window);
