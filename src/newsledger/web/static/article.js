// Article view: clicking a highlight shows the records extracted at that span. Records are read from a JSON
// block and written into the panel with textContent only, so no article text is ever parsed as HTML.
(function () {
  "use strict";
  var records = JSON.parse(document.getElementById("records-data").textContent);
  var text = document.getElementById("article-text");
  var body = document.getElementById("record-body");
  var FIELDS = {
    entity: ["name", "type", "kind", "role", "aliases", "titles", "country", "affiliation"],
    place: ["name", "feature", "country", "admin1", "admin2", "lat", "lon", "geonameid", "precision"],
    time: ["text", "value", "type", "precision", "anchor"],
    quote: ["text", "kind", "speaker_text", "speaker", "cue", "polarity"],
    event: ["type", "status", "mode", "acled_type", "acled_subtype", "source", "target", "place", "when", "fatalities", "according_to", "claim", "confidence"],
    claim: ["claimant", "stance", "proposition", "disputes"]
  };
  function show(value) {
    if (value === null || value === undefined || value === "") return "—";
    if (Array.isArray(value)) return value.map(show).join(", ") || "—";
    if (typeof value === "object") return Object.keys(value).filter(function (k) { return value[k] !== null; })
      .map(function (k) { return k + ": " + show(value[k]); }).join("; ");
    return String(value);
  }
  function card(ref) {
    var kind = ref.split(":")[0], record = records[ref];
    var box = document.createElement("div");
    box.className = "card";
    var title = document.createElement("h3");
    title.textContent = kind + " " + ref.split(":")[1];
    box.appendChild(title);
    if (!record) return box;
    var list = document.createElement("dl");
    (FIELDS[kind] || Object.keys(record)).forEach(function (key) {
      if (!(key in record)) return;
      var dt = document.createElement("dt"); dt.textContent = key;
      var dd = document.createElement("dd"); dd.textContent = show(record[key]);
      list.appendChild(dt); list.appendChild(dd);
    });
    box.appendChild(list);
    if (kind === "event" && record.pk) {
      var link = document.createElement("a");
      link.href = "/events/" + encodeURIComponent(record.pk);
      link.textContent = "open and review →";
      box.appendChild(link);
    }
    return box;
  }
  text.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.hl");
    if (!mark) return;
    text.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    var refs = mark.getAttribute("data-refs").split(" ");
    text.querySelectorAll("mark.hl").forEach(function (m) {
      var theirs = m.getAttribute("data-refs").split(" ");
      if (theirs[0] === refs[0]) m.classList.add("selected");
    });
    body.replaceChildren.apply(body, refs.map(card));
  });
  document.querySelectorAll(".legend input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () { text.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked); });
  });
})();
