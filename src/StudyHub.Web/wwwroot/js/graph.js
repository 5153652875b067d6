// Draws [data-graph] elements with Cytoscape.js from the JSON at data-src, which the server has already filtered and
// capped. Cytoscape is loaded only on pages that show a graph.
(() => {
    // Above this many nodes a force layout takes seconds, so big graphs get a layout by degree and a lighter style.
    const bigGraph = 1500;
    // A big graph's labels show from this zoom on: 10 px text drawn at 12 px or more.
    const readableZoom = 12 / 10;
    let cytoscapeLoading;

    // Cytoscape looks ids up in plain objects, so a concept named "constructor" or "__proto__" would break the picture.
    const cyId = id => `n:${id}`;

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
                    "width": "data(size)", "height": "data(size)", ...(big ? {} : { "label": "data(label)" }), "font-size": 10,
                    "min-zoomed-font-size": big ? 10 * readableZoom : 6, "color": getComputedStyle(document.body).color,
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
            // Dashes cost too much to draw on thousands of edges; a big graph tells mentions apart by colour only.
            { selector: "edge[kind = 'co-mention']", style: big ? {} : { "line-style": "dotted", "target-arrow-shape": "none" } },
            { selector: "edge[kind = 'unlinked-mention']", style: { ...(big ? {} : { "line-style": "dashed" }), "line-color": "#ced4da", "target-arrow-color": "#ced4da" } },
        ];
    }

    function layout(big) {
        return big
            ? { name: "concentric", concentric: n => n.data("degree"), levelWidth: () => 4, animate: false }
            : { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true };
    }

    // Measuring thousands of labels too small to read costs a sixth of a big graph's first frame; zooming in brings them.
    function labelWhenReadable(cy) {
        const label = () => {
            if (cy.zoom() >= readableZoom) {
                cy.off("zoom", label);
                cy.style().selector("node").style("label", "data(label)").update();
            }
        };
        cy.on("zoom", label);
    }

    async function mount(element) {
        const src = element.dataset.src;
        if (element.dataset.mounted === src) {
            return;
        }
        element.dataset.mounted = src;
        element.dataset.state = "loading";
        element.cy?.destroy();
        // A later mount of the same element (after an enhanced navigation) takes over from this one.
        const mounting = element.mounting = {};
        const started = performance.now();
        const [graph] = await Promise.all([fetch(src).then(r => r.json()), loadCytoscape(element.dataset.cytoscape)]);
        if (element.mounting !== mounting) {
            return;
        }
        const big = graph.nodes.length > bigGraph;
        const maxDegree = Math.max(1, ...graph.nodes.map(n => n.degree));
        const nodes = graph.nodes.map(n => ({ group: "nodes", data: { ...n, id: cyId(n.id), size: 10 + 30 * Math.sqrt(n.degree / maxDegree) } }));
        const edges = graph.edges.map((e, i) => ({ group: "edges", data: { ...e, id: `e${i}`, source: cyId(e.source), target: cyId(e.target) } }));
        const cy = element.cy = cytoscape({
            container: element, elements: big ? nodes : nodes.concat(edges), style: style(big), layout: layout(big),
            minZoom: 0.05, maxZoom: 4, hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: big ? 1 : "auto",
        });
        cy.one("render", () => {
            element.dataset.firstFrameMs = Math.round(performance.now() - started);
            element.dataset.firstFrameSincePageStartMs = Math.round(performance.now());
        });
        cy.on("tap", "node", event => location.assign(event.target.data("url")));
        if (big) {
            // The first frame shows every node, by kind and degree, laid out without edges (placing thousands of nodes
            // among edges recomputes every edge); the edges follow in the next task.
            await new Promise(resolve => cy.one("render", () => setTimeout(resolve)));
            if (element.mounting !== mounting) {
                return;
            }
            cy.add(edges);
            labelWhenReadable(cy);
        }
        cy.one("render", () => { element.dataset.completeFrameSincePageStartMs = Math.round(performance.now()); });
        const center = element.dataset.center ? cy.getElementById(cyId(element.dataset.center)) : null;
        if (center?.nonempty()) {
            center.select();
            cy.fit(center.closedNeighborhood(), 40);
        }
        element.dataset.visibleNodes = cy.nodes().length;
        const status = element.dataset.status && document.querySelector(element.dataset.status);
        if (status) {
            const shown = [
                graph.omittedNodes > 0 ? `the ${graph.nodes.length.toLocaleString()} most connected of ${(graph.nodes.length + graph.omittedNodes).toLocaleString()} nodes` : "",
                graph.omittedEdges > 0 ? `${graph.edges.length.toLocaleString()} of ${(graph.edges.length + graph.omittedEdges).toLocaleString()} connections, the strongest` : "",
            ].filter(part => part);
            status.textContent = shown.length > 0
                ? `Showing ${shown.join(" and ")}. Filter, or find a node and pick a depth, to see all of a part.`
                : "";
        }
        element.dataset.state = "ready";
    }

    // The server filters: a change on the filter form loads the filtered page (list and picture) without a full reload.
    function followFilters(event) {
        const form = event.target.closest?.("form[data-graph-filters]");
        if (!form || !window.Blazor) {
            return;
        }
        event.preventDefault();
        const query = new URLSearchParams(new FormData(form));
        [...query.keys()].filter(key => !query.get(key)).forEach(key => query.delete(key));
        const url = new URL(form.action);
        url.search = query.toString();
        if (url.href !== location.href) {
            Blazor.navigateTo(url.href);
        }
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
    document.addEventListener("change", followFilters);
    document.addEventListener("submit", followFilters);
})();
