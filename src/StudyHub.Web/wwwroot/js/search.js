// The search page's filters apply as soon as one changes; without this script the Search button applies them.
document.addEventListener("change", event => {
    const filter = event.target instanceof Element
        ? event.target.closest("form[data-filters-apply-on-change] :is(select, input:not([type=search]))")
        : null;
    filter?.form.requestSubmit();
});
