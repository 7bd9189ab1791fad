//! The library's rules: lists, marks, saved searches, mutes, backups and their merge.

use super::*;

#[test]
fn lists_tags_notes_and_read_marks() {
    let mut lib = Library::default();
    lib.save(DEFAULT_LIST, "a").expect("the default list exists");
    lib.save(DEFAULT_LIST, "a").expect("saving twice is fine");
    assert_eq!(lib.lists_of("a"), [DEFAULT_LIST]);
    assert_eq!(lib.create_list("  Theory   to read "), Ok(()));
    assert_eq!(lib.create_list("Theory to read"), Err(LibraryError::ListExists("Theory to read".into())));
    assert_eq!(lib.create_list("   "), Err(LibraryError::EmptyName));
    lib.save("Theory to read", "a").expect("made above");
    assert_eq!(lib.rename_list("Theory to read", DEFAULT_LIST), Err(LibraryError::ListExists(DEFAULT_LIST.into())));
    lib.rename_list("Theory to read", "Theory").expect("a free name");
    assert_eq!(lib.lists_of("a"), [DEFAULT_LIST, "Theory"]);
    assert_eq!(lib.save("Nope", "a"), Err(LibraryError::NoSuchList("Nope".into())));
    lib.delete_list("Theory").expect("it exists");
    assert_eq!(lib.lists_of("a"), [DEFAULT_LIST]);

    lib.tag("a", "theory").expect("a tag");
    lib.tag("b", "theory").expect("a tag");
    lib.tag("b", "bandits").expect("a tag");
    assert_eq!(lib.tags().into_iter().collect::<Vec<_>>(), [("bandits", 1), ("theory", 2)]);
    lib.set_note("a", "  <b>not html</b>  ");
    assert_eq!(lib.marks["a"].notes[0].text, "<b>not html</b>");
    lib.set_read("c", true);
    assert!(lib.is_read("c"));
    // A paper stripped of every mark leaves the library.
    lib.set_read("c", false);
    lib.untag("b", "theory");
    lib.untag("b", "bandits");
    assert!(!lib.marks.contains_key("c") && !lib.marks.contains_key("b"));
}

#[test]
fn one_click_saves_to_the_first_list_and_again_removes_from_all() {
    let mut lib = Library::default();
    lib.create_list("Theory").expect("a new name");
    lib.toggle_saved("a");
    assert_eq!(lib.lists_of("a"), [DEFAULT_LIST]);
    lib.save("Theory", "a").expect("a list");
    lib.toggle_saved("a");
    assert!(lib.lists_of("a").is_empty());
    lib.lists.clear();
    lib.toggle_saved("a");
    assert_eq!(lib.lists_of("a"), [DEFAULT_LIST]);
}

#[test]
fn only_http_addresses_in_a_note_are_links() {
    assert_eq!(
        note_pieces("see https://arxiv.org/abs/1 (and http://x.org). javascript:alert(1)"),
        [
            (false, "see "),
            (true, "https://arxiv.org/abs/1"),
            (false, " (and "),
            (true, "http://x.org"),
            (false, "). javascript:alert(1)")
        ]
    );
    assert_eq!(note_pieces("plain"), [(false, "plain")]);
    assert_eq!(note_pieces("httpx http:/ https://a"), [(false, "httpx http:/ "), (true, "https://a")]);
    // Megabytes of addresses (a restored backup's note) take one pass, not one per address (looking for
    // `http://` past each `https://` address would read the rest of the note each time).
    let many = "https://a.org/x ".repeat(200_000);
    let pieces = note_pieces(&many);
    assert_eq!(pieces.len(), 400_000);
    assert_eq!(pieces.iter().filter(|(link, _)| *link).count(), 200_000);
}

#[test]
fn the_engine_reads_the_library() {
    use paperscope_search::{FacetKey, Index, Request};
    let paper =
        |id: &str| paperscope_corpus::Paper { id: id.into(), title: format!("paper {id}"), ..Default::default() };
    let index = Index::build(vec![paper("a"), paper("b"), paper("c")]);
    let mut lib = Library::default();
    lib.toggle_saved("a");
    lib.toggle_saved("gone");
    lib.tag("b", "Theory").expect("a tag");
    lib.set_read("a", true);
    lib.set_note("c", "the proof needs checking");
    let library = std::sync::Arc::new(lib.index_over(&index));
    assert_eq!(library.missing(), ["gone"]);
    let count = |q: &str| {
        let mut request = Request::new(q);
        request.library = Some(library.clone());
        index.search(&request).total
    };
    assert_eq!(
        [count("is:saved"), count("tag:theory"), count("is:read"), count("note:proof"), count("-is:read")],
        [1, 1, 1, 1, 2]
    );
    let mut request = Request::new("");
    request.library = Some(library.clone());
    let response = index.search(&request);
    let facet = |key| {
        response
            .facets
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.values.iter().map(|v| (v.value.clone(), v.count)).collect::<Vec<_>>())
    };
    assert_eq!(facet(FacetKey::List), Some(vec![(DEFAULT_LIST.to_string(), 1), ("none".to_string(), 2)]));
    assert_eq!(facet(FacetKey::Read), Some(vec![("yes".to_string(), 1), ("no".to_string(), 2)]));
}

#[test]
fn a_shared_list_is_added_under_a_free_name_once() {
    let mut lib = Library::default();
    let ids = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(lib.add_shared_list("Theory", &ids(&["a", "b", "a"])), "Theory");
    assert_eq!(lib.lists[1].papers, ids(&["a", "b"]));
    assert_eq!(lib.add_shared_list(" Theory ", &ids(&["a", "b"])), "Theory", "the same list twice is one");
    assert_eq!(lib.add_shared_list("Theory", &ids(&["c"])), "Theory (2)");
    assert_eq!(lib.add_shared_list("Reading list", &ids(&["c"])), "Reading list (2)");
    assert_eq!(lib.add_shared_list("  ", &ids(&[])), "Shared list");
    assert_eq!(lib.lists.len(), 5);
}

#[test]
fn saved_searches_count_what_is_new() {
    let mut lib = Library::default();
    let ids = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    lib.save_view("Bandits", "q=bandit", ids(&["a", "b"]));
    assert_eq!(lib.new_in("Bandits", &ids(&["a", "b", "c", "d"])), 2);
    lib.opened("Bandits", ids(&["a", "b", "c", "d"]));
    assert_eq!(lib.new_in("Bandits", &ids(&["a", "b", "c", "d"])), 0);
    // Saving a view: a unique name from its label, or the name it is already saved under.
    assert_eq!(lib.save_view("Bandits", "q=bandits", ids(&["a"])), ("Bandits (2)".to_string(), true));
    assert_eq!(lib.save_view("  Bandits ", "q=bandits%20x", ids(&[])), ("Bandits (3)".to_string(), true));
    assert_eq!(lib.save_view("other words", "q=bandit", ids(&[])), ("Bandits".to_string(), false));
    assert_eq!(lib.save_view("", "", ids(&[])), ("All papers".to_string(), true));
    assert_eq!(lib.rename_search("Bandits (3)", "Bandits"), Err(LibraryError::SearchExists("Bandits".into())));
    assert_eq!(lib.rename_search("Nope", "x"), Err(LibraryError::NoSuchSearch("Nope".into())));
    assert_eq!(lib.rename_search("Bandits (3)", "  "), Err(LibraryError::EmptyName));
    lib.rename_search("Bandits (3)", " Bandit   regret ").expect("a free name");
    lib.delete_search("Bandits (2)");
    let names: Vec<&str> = lib.saved_searches.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Bandits", "Bandit regret", "All papers"]);
}
