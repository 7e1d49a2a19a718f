//! Link compatibility: links written by earlier versions (`tests/links/*.txt`) still parse
//! without an unexpected notice and land on the same chip, model, precision and lengths; a
//! link naming another model version gets a notice saying what changed, never an error.
//! (Lines may name the notices they expect in a sixth column, e.g. `model_version`.)
#![cfg(not(target_arch = "wasm32"))]

use fabrik::data::catalogue;
use fabrik::model::{Notice, evaluate};
use fabrik::scenario::{parse_query, to_query};
use fabrik::text::Lang;

const V1: &str = include_str!("links/v1.txt");

#[test]
fn old_links_land_on_the_same_scenario() {
    let mut checked = 0;
    for line in V1
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (expect, link) = line.split_once(" | ").expect("expect | link");
        let e: Vec<&str> = expect.split_whitespace().collect();
        assert!(e.len() == 5 || e.len() == 6, "{line}");
        let p = parse_query(link);
        // The notices named in the sixth column (a link made with an older model gets one
        // saying what changed since), and no other.
        let codes: Vec<&str> = p.warnings.iter().map(|w| w.code()).collect();
        let mut expected: Vec<&str> = e.get(5).map_or(Vec::new(), |c| c.split(',').collect());
        // A link naming a model older than this build's gets the version notice too (lines
        // are never edited when the model moves on).
        let names_older = link.split('&').any(|kv| {
            kv.strip_prefix("m=")
                .is_some_and(|m| m != catalogue().model_version())
        });
        if names_older && !expected.contains(&"model_version") {
            let at = link
                .split('&')
                .position(|kv| kv.starts_with("m="))
                .unwrap_or(0);
            // The notice comes in the order of the link's pairs: before those of later keys.
            let before = link
                .split('&')
                .take(at)
                .filter(|kv| !kv.starts_with("v="))
                .count();
            expected.insert(before.min(expected.len()), "model_version");
        }
        assert_eq!(codes, expected, "{link}: {:?}", p.warnings);
        let o = evaluate(&p.scenario);
        assert_eq!(o.gpu, e[0], "{link}");
        assert_eq!(o.model, e[1], "{link}");
        // The precision the link asks, as its chip offers it (`Precision::supported_on`), not
        // the arithmetic a model version derives from it (since 2028.09 4-bit weights multiply
        // 16-bit activations on a chip without 4-bit arithmetic, gpt-oss's experts 8-bit ones
        // on Blackwell): the column was written as the outcome's precision, which was the
        // same thing until then.
        let chip = catalogue().gpu(o.gpu).expect("a catalogue chip");
        assert_eq!(
            p.scenario.precision.supported_on(chip).as_str(),
            e[2],
            "{link}"
        );
        assert_eq!(p.scenario.prompt_tokens.to_string(), e[3], "{link}");
        assert_eq!(p.scenario.output_tokens.to_string(), e[4], "{link}");
        // Written again, it reads back the same and names today's model.
        let again = to_query(&p.scenario);
        assert!(again.starts_with(&format!("v=1&m={}", catalogue().model_version())));
        assert_eq!(parse_query(&again).scenario, p.scenario, "{link}");
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} links checked");
}

#[test]
fn another_model_version_gets_a_notice_not_an_error() {
    let current = catalogue().model_version();
    assert!(!current.is_empty());
    // A version the changelog knows, older than this one: the notice lists what changed since.
    // With one entry in the changelog there is none older yet; an unknown version then.
    let p = parse_query("v=1&m=2025.01&gpu=b200");
    assert_eq!(
        p.scenario.gpu, "b200",
        "the link's inputs are read as they are"
    );
    assert!(
        matches!(p.warnings.as_slice(), [Notice::ModelVersion { link, current: c }]
            if link == "2025.01" && *c == current),
        "{:?}",
        p.warnings
    );
    let en = p.warnings[0].text(Lang::En);
    assert!(en.contains(current) && en.contains("2025.01"), "{en}");
    let de = p.warnings[0].text(Lang::De);
    assert!(
        de.starts_with("Diese Zahlen stammen aus dem Modell"),
        "{de}"
    );
    // The current version and no version at all: no notice.
    assert!(parse_query(&format!("m={current}")).warnings.is_empty());
    assert!(parse_query("gpu=b200").warnings.is_empty());
}

#[test]
fn a_known_older_version_lists_the_changes_since() {
    let log = &catalogue().changelog;
    assert!(!log.is_empty());
    for (i, v) in log.iter().enumerate() {
        assert!(!v.en.is_empty() && !v.de.is_empty(), "{}", v.version);
        assert_eq!(v.version.len(), 7, "YYYY.MM: {}", v.version);
        if i > 0 {
            assert!(log[i - 1].version < v.version, "oldest first");
        }
    }
    if log.len() >= 2 {
        let old = &log[log.len() - 2];
        let p = parse_query(&format!("m={}", old.version));
        let en = p.warnings[0].text(Lang::En);
        assert!(en.contains(&log[log.len() - 1].en), "{en}");
    }
}
