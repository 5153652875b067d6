// Draws [data-graph] elements with Cytoscape.js from the JSON at data-src. Cytoscape is loaded only on pages
// that show a graph. On /graph the filter form (data-filters) filters the picture live and the list beside it.
(() => {
    // Above this many nodes a force layout takes seconds, so big graphs get a layout by degree and a lighter style.
    const bigGraph = 1500;
    let cytoscapeLoading;

    function loadCytoscape(src) {
        if (window.cytoscape) {
            return Promise.resolve();
        }
        cytoscapeLoading ??= new Promise((resolve, reject) => {
            const script = document.createElement("script");
            script.src = src;
            script.onload = resolve;
            script.onerror = reject;
            document.head.append(script);
        });
        return cytoscapeLoading;
    }

    function kindColor(kind) {
        return getComputedStyle(document.documentElement).getPropertyValue(`--kind-${kind}`).trim() || "#868e96";
    }

    function style(big) {
        const kinds = ["lecture", "model", "paper", "person", "organization", "dataset", "benchmark", "technique", "other", "unclassified"];
        return [
            {
                selector: "node",
                style: {
                    "width": "data(size)", "height": "data(size)", "label": "data(label)", "font-size": 10,
                    "min-zoomed-font-size": big ? 12 : 6, "color": getComputedStyle(document.body).color,
                    "text-valign": "bottom", "text-margin-y": 2,
                },
            },
            ...kinds.map(kind => ({ selector: `node[kind = "${kind}"]`, style: { "background-color": kindColor(kind) } })),
            { selector: "node[!written]", style: { "border-width": 2, "border-style": "dashed", "border-color": "#868e96" } },
            { selector: "node:selected", style: { "border-width": 4, "border-color": "#f59f00", "border-style": "solid" } },
            {
                selector: "edge",
                style: big
                    ? { "curve-style": "haystack", "width": 0.5, "line-color": "#adb5bd" }
                    : { "curve-style": "bezier", "width": "mapData(weight, 1, 10, 1, 4)", "line-color": "#adb5bd", "target-arrow-shape": "triangle", "target-arrow-color": "#adb5bd", "arrow-scale": 0.6, "opacity": 0.8 },
            },
            { selector: "edge[kind ^= 'relation:']", style: { "line-color": "#5c7cfa", "target-arrow-color": "#5c7cfa" } },
            // Dashes cost too much to draw on tens of thousands of edges; a big graph tells mentions apart by colour only.
            { selector: "edge[kind = 'co-mention']", style: big ? {} : { "line-style": "dotted", "target-arrow-shape": "none" } },
            { selector: "edge[kind = 'unlinked-mention']", style: { ...(big ? {} : { "line-style": "dashed" }), "line-color": "#ced4da", "target-arrow-color": "#ced4da" } },
            { selector: ".hidden", style: { "display": "none" } },
        ];
    }

    function layout(big, eles) {
        return big
            ? { name: "concentric", concentric: n => n.data("degree"), levelWidth: () => 4, animate: false, eles }
            : { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true, eles };
    }

    async function mount(element) {
        const src = element.dataset.src;
        if (element.dataset.mounted === src) {
            return;
        }
        element.dataset.mounted = src;
        element.dataset.state = "loading";
        element.cy?.destroy();
        const started = performance.now();
        const [graph] = await Promise.all([fetch(src).then(r => r.json()), loadCytoscape(element.dataset.cytoscape)]);
        const big = graph.nodes.length > bigGraph;
        const maxDegree = Math.max(1, ...graph.nodes.map(n => n.degree));
        const elements = graph.nodes.map(n => ({ group: "nodes", data: { ...n, size: 10 + 30 * Math.sqrt(n.degree / maxDegree) } }))
            .concat(graph.edges.map((e, i) => ({ group: "edges", data: { id: `e${i}`, ...e } })));
        const cy = cytoscape({
            container: element, elements, style: style(big), layout: layout(big),
            minZoom: 0.05, maxZoom: 4, hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: big ? 1 : "auto",
        });
        element.cy = cy;
        cy.one("render", () => {
            element.dataset.firstFrameMs = Math.round(performance.now() - started);
            element.dataset.firstFrameSincePageStartMs = Math.round(performance.now());
        });
        cy.on("tap", "node", event => location.assign(event.target.data("url")));
        const center = element.dataset.center ? cy.getElementById(element.dataset.center) : null;
        if (center?.nonempty()) {
            center.select();
        }
        const form = element.dataset.filters && document.querySelector(element.dataset.filters);
        if (form) {
            const apply = () => applyFilters(form, cy, big, element);
            form.addEventListener("change", apply);
            form.addEventListener("submit", event => { event.preventDefault(); apply(); });
            // Restyling tens of thousands of elements costs seconds; only do it when the URL asked for a filter.
            if (new URLSearchParams(location.search).size > 0) {
                apply();
            } else {
                element.dataset.visibleNodes = cy.nodes().length;
            }
        }
        element.dataset.state = "ready";
    }

    function applyFilters(form, cy, big, element) {
        const value = name => form.elements[name]?.value ?? "";
        const checked = name => form.elements[name]?.checked ?? false;
        const kind = value("kind"), tag = value("tag").toLowerCase(), vault = value("vault"), depth = Number(value("depth"));
        const wanted = value("center").trim();
        const byLabel = () => cy.nodes().filter(n => n.data("label").toLowerCase() === wanted.toLowerCase()).first();
        const center = wanted ? (cy.getElementById(wanted).nonempty() ? cy.getElementById(wanted) : byLabel()) : null;
        const edgeShown = e => !(checked("mentions") && e.data("kind") === "unlinked-mention");

        cy.batch(() => {
            let keep = cy.nodes().filter(n => (!kind || n.data("kind") === kind)
                && (!tag || n.data("tags").some(t => t.toLowerCase() === tag))
                && (!vault || n.data("vault") === vault));
            if (center?.nonempty() && depth > 0) {
                let around = center;
                for (let step = 0; step < depth; step++) {
                    around = around.union(around.connectedEdges().filter(edgeShown).connectedNodes());
                }
                keep = keep.intersection(around).union(center);
            } else if (center?.nonempty()) {
                keep = keep.union(center);
            }
            cy.elements(".hidden").removeClass("hidden");
            cy.nodes().not(keep).addClass("hidden");
            cy.edges().filter(e => !edgeShown(e) || e.source().hasClass("hidden") || e.target().hasClass("hidden")).addClass("hidden");
            if (checked("orphans")) {
                keep.filter(n => n !== center && n.connectedEdges().not(".hidden").empty()).addClass("hidden");
            }
        });

        const visible = cy.elements().not(".hidden");
        if (!big) {
            visible.layout(layout(false, visible)).run();
        }
        cy.elements().unselect();
        if (center?.nonempty()) {
            center.select();
            cy.animate({ fit: { eles: center.closedNeighborhood().not(".hidden"), padding: 40 }, duration: 300 });
        } else {
            cy.fit(visible, 20);
        }
        const list = element.dataset.list && document.querySelector(element.dataset.list);
        list?.querySelectorAll("li[data-node]").forEach(item => { item.hidden = cy.getElementById(item.dataset.node).hasClass("hidden"); });
        element.dataset.visibleNodes = visible.nodes().length;
        const query = new URLSearchParams(new FormData(form));
        [...query.keys()].filter(key => !query.get(key)).forEach(key => query.delete(key));
        history.replaceState(history.state, "", query.size ? `?${query}` : location.pathname);
    }

    function mountAll() {
        document.querySelectorAll("[data-graph]").forEach(element => mount(element).catch(error => {
            element.dataset.state = "failed";
            console.error("The graph could not be drawn", error);
        }));
    }

    // Deferred, after blazor.web.js: the page is parsed and Blazor is defined.
    mountAll();
    window.Blazor?.addEventListener("enhancedload", mountAll);
})();
