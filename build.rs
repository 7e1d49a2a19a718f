//! Embeds the catalogues (`src/data/*.json`) in two forms, both written to `OUT_DIR`:
//!
//! - the JSON itself, minified, which native builds (CLI, tests) parse with serde at start-up;
//! - the same values as static Rust tables (`catalogue.rs`, `calibration_rows.rs`: strings as
//!   `&'static str`, so they are data, not code), which the browser build uses instead:
//!   parsing JSON in wasm would put a deserialiser into the bundle.
//!   `tests/catalogue.rs` checks that both forms give equal values.
//!
//! For the browser build (wasm32) the per-value source texts (`sources`, `notes`, `source`)
//! of hardware, models, presets and constants, and a few facts the page never shows
//! (`UNSHOWN_KEYS`), are left out: the page links to the full files instead, which are
//! shipped beside it (`index.html`, copy-file to `data/`).
//! Native builds keep everything, so every value stays checkably sourced.
//!
//! One schema: the field list is the struct declarations themselves (`Gpu`, `LlmModel`, … in
//! `src/data/mod.rs` and its `chips.rs` and `models.rs`, `Row` in `src/calibration.rs`). This script reads those declarations as
//! text ([`Decl`]) and generates from them, for each catalogue, a row type (`String` becomes
//! `&'static str`, `Vec<T>` a slice, `BTreeMap<String, T>` a slice of pairs; a type with none
//! of these, such as `PeakTflops`, is used as it is), the static table of the file's values,
//! and the conversion from row to struct. It follows serde's reading of the same declarations:
//! a field with `#[serde(default)]` or of type `Option<T>` may be absent, unknown keys are
//! ignored, enums are externally tagged (after [`retag`]). In the wasm build the fields the
//! browser does not get (`SOURCE_KEYS`, `UNSHOWN_KEYS`) are left out of the rows and take
//! their default value.
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::{env, fmt::Write as _, fs, path::Path};

const FILES: [&str; 8] = [
    "hardware.json",
    "engines.json",
    "models.json",
    "presets.json",
    "constants.json",
    "changelog.json",
    "sites.json",
    "grids.json",
];
const SOURCE_KEYS: [&str; 3] = ["sources", "notes", "source"];
/// Facts the page never shows, also left out of the wasm: a chip's architecture, process node
/// and foundry, the explanation (`note`) of a calibration row's limitation, and a constant's
/// unit. They stay in the shipped files and in native builds.
const UNSHOWN_KEYS: [&str; 6] = [
    "architecture",
    "process",
    "foundry",
    "note",
    "unit",
    "location",
];

/// A static table generated from one JSON file: its entries have the type `ty`, declared in
/// the Rust file the table is generated for. (`pub`, like [`generate`]: `tests/catalogue.rs`
/// includes this file to test the generator.)
pub struct Table {
    /// File in `src/data/`, and the key of the entries in it (`None`: the whole file).
    pub file: &'static str,
    pub at: Option<&'static str>,
    pub ty: &'static str,
    /// Name of the generated row type.
    pub row: &'static str,
    /// Name of the static table, and of the function returning its entries converted:
    /// `Vec<ty>` for a JSON array, `BTreeMap<String, ty>` for an object (`map`).
    pub name: &'static str,
    pub func: &'static str,
    pub map: bool,
}

pub const CATALOGUE: [Table; 8] = [
    Table {
        file: "hardware.json",
        at: None,
        ty: "Gpu",
        row: "GpuRow",
        name: "GPUS",
        func: "gpus",
        map: false,
    },
    Table {
        file: "engines.json",
        at: None,
        ty: "Engine",
        row: "EngineRow",
        name: "ENGINES",
        func: "engines",
        map: false,
    },
    Table {
        file: "models.json",
        at: None,
        ty: "LlmModel",
        row: "ModelRow",
        name: "MODELS",
        func: "models",
        map: false,
    },
    Table {
        file: "presets.json",
        at: None,
        ty: "Preset",
        row: "PresetRow",
        name: "PRESETS",
        func: "presets",
        map: false,
    },
    Table {
        file: "constants.json",
        at: None,
        ty: "Constant",
        row: "ConstantRow",
        name: "CONSTANTS",
        func: "constants",
        map: true,
    },
    Table {
        file: "changelog.json",
        at: None,
        ty: "ModelVersion",
        row: "ModelVersionRow",
        name: "CHANGELOG",
        func: "changelog",
        map: false,
    },
    Table {
        file: "sites.json",
        at: None,
        ty: "Site",
        row: "SiteRow",
        name: "SITES",
        func: "sites",
        map: false,
    },
    Table {
        file: "grids.json",
        at: None,
        ty: "Grid",
        row: "GridRow",
        name: "GRIDS",
        func: "grids",
        map: false,
    },
];

const CALIBRATION: Table = Table {
    file: "calibration.json",
    at: Some("rows"),
    ty: "Row",
    row: "CalibrationRow",
    name: "ROWS",
    func: "rows",
    map: false,
};

fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for k in SOURCE_KEYS.iter().chain(&UNSHOWN_KEYS) {
                m.remove(*k);
            }
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

/// `"attention": {"kind": "gqa", …}` → `"attention": {"gqa": {…}}`: serde's default enum
/// form, which parses without buffering (an internally tagged enum needs serde's buffering code in the wasm).
fn retag(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Object(a)) = m.get_mut("attention")
                && let Some(Value::String(kind)) = a.remove("kind")
            {
                let inner = std::mem::take(a);
                a.insert(kind, Value::Object(inner));
            }
            m.values_mut().for_each(retag);
        }
        Value::Array(a) => a.iter_mut().for_each(retag),
        _ => {}
    }
}

// --- Reading the declarations ------------------------------------------------------------

/// A token of Rust source; comments (doc comments included) and whitespace are dropped.
#[derive(Debug)]
enum Tok {
    Ident(String),
    Punct(char),
    /// A string literal's text between its quotes (escapes kept as written).
    Str(String),
    /// A lifetime or a character literal.
    Quote,
}

fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, ch)| c.get(i + k) == Some(&ch))
    };
    let word = |i: usize| {
        c.get(i)
            .is_some_and(|ch| ch.is_alphanumeric() || *ch == '_')
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let start = i;
        if c[i].is_whitespace() {
            i += 1;
        } else if at(i, "//") {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < c.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c[i] == '"' || at(i, "b\"") {
            i = if c[i] == '"' { i + 1 } else { i + 2 };
            let from = i;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            out.push(Tok::Str(c[from..i.min(c.len())].iter().collect()));
            i += 1;
        } else if let Some(hashes) = ["r", "br"].iter().filter(|p| at(i, p)).find_map(|p| {
            let n = c[i + p.len()..].iter().take_while(|ch| **ch == '#').count();
            at(i + p.len() + n, "\"").then_some((p.len(), n))
        }) {
            // A raw string: r"…", r#"…"#, br"…".
            let (prefix, n) = hashes;
            let close: String = std::iter::once('"').chain("#".repeat(n).chars()).collect();
            i += prefix + n + 1;
            let from = i;
            while i < c.len() && !at(i, &close) {
                i += 1;
            }
            out.push(Tok::Str(c[from..i.min(c.len())].iter().collect()));
            i += close.len();
        } else if c[i] == '\'' {
            // 'x' and '\n' are characters; 'static is a lifetime.
            if at(i + 1, "\\") {
                i += 3;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2, "'") {
                i += 3;
            } else {
                i += 1;
                while word(i) {
                    i += 1;
                }
            }
            out.push(Tok::Quote);
        } else if word(i) {
            while word(i) {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else {
            out.push(Tok::Punct(c[i]));
            i += 1;
        }
    }
    out
}

/// The index of the bracket closing the one at `open` (all of `([{` count).
fn close(t: &[Tok], open: usize) -> usize {
    let mut depth = 0;
    for (i, tok) in t.iter().enumerate().skip(open) {
        match tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced brackets")
}

/// Splits at the commas outside brackets (`<>` included), dropping empty parts.
fn split_commas(t: &[Tok]) -> Vec<&[Tok]> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0i32, 0);
    for (i, tok) in t.iter().enumerate() {
        match tok {
            Tok::Punct('(' | '[' | '{' | '<') => depth += 1,
            Tok::Punct(')' | ']' | '}' | '>') => depth -= 1,
            Tok::Punct(',') if depth == 0 => {
                parts.push(&t[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&t[from..]);
    parts.retain(|p| !p.is_empty());
    parts
}

/// Leading `#[…]` attributes (their insides) and a visibility (`pub`, `pub(crate)`), then
/// the rest.
fn attributes(mut t: &[Tok]) -> (Vec<&[Tok]>, &[Tok]) {
    let mut attrs = Vec::new();
    loop {
        match t {
            [Tok::Punct('#'), Tok::Punct('['), ..] => {
                let end = close(t, 1);
                attrs.push(&t[2..end]);
                t = &t[end + 1..];
            }
            [Tok::Ident(p), Tok::Punct('('), ..] if p == "pub" => t = &t[close(t, 1) + 1..],
            [Tok::Ident(p), ..] if p == "pub" => t = &t[1..],
            _ => return (attrs, t),
        }
    }
}

/// The arguments of `serde(…)` attributes: `default` → ("default", None), `rename = "x"` →
/// ("rename", Some("x")).
fn serde_args(attrs: &[&[Tok]], what: &str) -> Vec<(String, Option<String>)> {
    let mut args = Vec::new();
    for a in attrs {
        let [
            Tok::Ident(name),
            Tok::Punct('('),
            inner @ ..,
            Tok::Punct(')'),
        ] = a
        else {
            continue;
        };
        if name != "serde" {
            continue;
        }
        for arg in split_commas(inner) {
            match arg {
                [Tok::Ident(k)] => args.push((k.clone(), None)),
                [Tok::Ident(k), Tok::Punct('='), Tok::Str(v)] => {
                    args.push((k.clone(), Some(v.clone())))
                }
                _ => panic!("{what}: cannot read serde attribute {arg:?}"),
            }
        }
    }
    args
}

/// A field type, as far as the catalogues use them.
#[derive(Debug, Clone)]
enum Ty {
    Bool,
    /// An integer or float type: `u16`, `f64`, …
    Num(String),
    Str,
    Opt(Box<Ty>),
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
    /// A struct or enum declared in the same file.
    Named(String),
}

const INTS: [&str; 10] = [
    "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
];

fn parse_ty(t: &[Tok], what: &str) -> Ty {
    let unsupported = || -> ! { panic!("{what}: build.rs cannot generate a field of type {t:?}") };
    // A path (`std::collections::BTreeMap`): its last segment names the type.
    let mut i = 0;
    let mut name = None;
    while let Some(Tok::Ident(n)) = t.get(i) {
        name = Some(n.as_str());
        i += 1;
        if let [Tok::Punct(':'), Tok::Punct(':'), ..] = &t[i..] {
            i += 2;
        } else {
            break;
        }
    }
    let Some(name) = name else { unsupported() };
    let args: Vec<Ty> = match &t[i..] {
        [] => Vec::new(),
        [Tok::Punct('<'), inner @ .., Tok::Punct('>')] => split_commas(inner)
            .into_iter()
            .map(|a| parse_ty(a, what))
            .collect(),
        _ => unsupported(),
    };
    match (name, &args[..]) {
        ("bool", []) => Ty::Bool,
        ("f32" | "f64", []) => Ty::Num(name.into()),
        (n, []) if INTS.contains(&n) => Ty::Num(name.into()),
        ("String", []) => Ty::Str,
        ("Option", [a]) => Ty::Opt(Box::new(a.clone())),
        ("Vec", [a]) => Ty::Vec(Box::new(a.clone())),
        ("BTreeMap", [Ty::Str, a]) => Ty::Map(Box::new(a.clone())),
        (n, []) if n.starts_with(char::is_uppercase) => Ty::Named(name.into()),
        _ => unsupported(),
    }
}

struct Field {
    name: String,
    /// The JSON key (`#[serde(rename = "…")]`, else the name).
    key: String,
    ty: Ty,
    /// `#[serde(default)]`: may be absent from the JSON.
    default: bool,
}

struct Variant {
    name: String,
    key: String,
    /// `None`: a unit variant.
    fields: Option<Vec<Field>>,
}

enum Shape {
    Struct(Vec<Field>),
    Enum(Vec<Variant>),
}

/// A struct or enum declaration read from Rust source.
struct Decl {
    derives: Vec<String>,
    shape: Shape,
}

/// The named fields between a struct's (or struct variant's) braces.
fn fields(body: &[Tok], what: &str) -> Vec<Field> {
    split_commas(body)
        .into_iter()
        .map(|part| {
            let (attrs, rest) = attributes(part);
            let [Tok::Ident(name), Tok::Punct(':'), ty @ ..] = rest else {
                panic!("{what}: cannot read field {rest:?}");
            };
            let what = format!("{what}.{name}");
            let mut f = Field {
                name: name.clone(),
                key: name.clone(),
                ty: parse_ty(ty, &what),
                default: false,
            };
            for (k, v) in serde_args(&attrs, &what) {
                match (k.as_str(), v) {
                    ("default", None) => f.default = true,
                    ("rename", Some(v)) => f.key = v,
                    ("skip_serializing_if", Some(_)) => {}
                    (k, _) => panic!("{what}: build.rs does not know serde's `{k}`"),
                }
            }
            f
        })
        .collect()
}

/// The declaration of the struct or enum `name` in the tokens of a Rust file.
///
/// # Panics
/// If there is none or more than one, or it is not of the form `struct Name { fields }` or
/// `enum Name { Unit, Variant { fields } }` (no generics, no tuple structs or variants), or it
/// uses a serde attribute this script does not follow.
fn declaration(t: &[Tok], name: &str, file: &str) -> Decl {
    let what = format!("{file}: {name}");
    let mut found = None;
    let mut pending: Vec<&[Tok]> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match &t[i..] {
            [Tok::Punct('#'), Tok::Punct('['), ..] => {
                let end = i + 1 + close(&t[i + 1..], 0);
                pending.push(&t[i + 2..end]);
                i = end + 1;
            }
            [Tok::Ident(p), Tok::Punct('('), ..] if p == "pub" => {
                i += 1 + close(&t[i + 1..], 0) + 1
            }
            [Tok::Ident(p), ..] if p == "pub" => i += 1,
            [Tok::Ident(kind), Tok::Ident(n), rest @ ..]
                if (kind == "struct" || kind == "enum") && n == name =>
            {
                assert!(found.is_none(), "{what}: declared twice");
                let [Tok::Punct('{'), ..] = rest else {
                    panic!("{what}: build.rs reads only `{kind} {name} {{ … }}`");
                };
                let end = i + 2 + close(&t[i + 2..], 0);
                found = Some((kind == "enum", std::mem::take(&mut pending), &t[i + 3..end]));
                i = end + 1;
            }
            _ => {
                pending.clear();
                i += 1;
            }
        }
    }
    let Some((is_enum, attrs, body)) = found else {
        panic!("{what}: no such struct or enum")
    };
    let mut derives = Vec::new();
    for a in &attrs {
        if let [Tok::Ident(d), Tok::Punct('('), inner @ .., Tok::Punct(')')] = a
            && d == "derive"
        {
            derives.extend(inner.iter().filter_map(|t| match t {
                Tok::Ident(d) => Some(d.clone()),
                _ => None,
            }));
        }
    }
    let mut lowercase = false;
    for (k, v) in serde_args(&attrs, &what) {
        match (k.as_str(), v.as_deref()) {
            ("rename_all", Some("lowercase")) if is_enum => lowercase = true,
            (k, v) => panic!("{what}: build.rs does not know serde's `{k} = {v:?}` here"),
        }
    }
    let shape = if is_enum {
        let variants = split_commas(body)
            .into_iter()
            .map(|part| {
                let (attrs, rest) = attributes(part);
                let (name, fields) = match rest {
                    [Tok::Ident(n)] => (n, None),
                    [Tok::Ident(n), Tok::Punct('{'), inner @ .., Tok::Punct('}')] => {
                        (n, Some(fields(inner, &format!("{what}::{n}"))))
                    }
                    _ => panic!("{what}: cannot read variant {rest:?}"),
                };
                let mut key = if lowercase {
                    name.to_lowercase()
                } else {
                    name.clone()
                };
                for (k, v) in serde_args(&attrs, &what) {
                    match (k.as_str(), v) {
                        ("rename", Some(v)) => key = v,
                        (k, _) => panic!("{what}::{name}: build.rs does not know serde's `{k}`"),
                    }
                }
                Variant {
                    name: name.clone(),
                    key,
                    fields,
                }
            })
            .collect();
        Shape::Enum(variants)
    } else {
        Shape::Struct(fields(body, &what))
    };
    Decl { derives, shape }
}

// --- Generating the tables -----------------------------------------------------------------

/// The declarations a set of tables needs, and what the build leaves out.
struct Schema {
    file: String,
    decls: BTreeMap<String, Decl>,
    /// Row type names chosen by the tables (else `{Type}Row`).
    rows: BTreeMap<String, String>,
    /// Field names left out of the rows (the wasm build's stripped keys).
    omit: Vec<String>,
}

impl Schema {
    /// Reads the declarations of the tables' types, and of the types their fields name, from
    /// `src` (the text of `file`).
    fn new(file: &str, src: &str, tables: &[&Table], omit: &[&str]) -> Schema {
        let toks = tokens(src);
        let mut decls = BTreeMap::new();
        let mut todo: Vec<String> = tables.iter().map(|t| t.ty.to_string()).collect();
        while let Some(name) = todo.pop() {
            if decls.contains_key(&name) {
                continue;
            }
            let d = declaration(&toks, &name, file);
            let mut named = |t: &Ty| {
                let mut t = t;
                while let Ty::Opt(a) | Ty::Vec(a) | Ty::Map(a) = t {
                    t = a;
                }
                if let Ty::Named(n) = t {
                    todo.push(n.clone());
                }
            };
            match &d.shape {
                Shape::Struct(fs) => fs.iter().for_each(|f| named(&f.ty)),
                Shape::Enum(vs) => vs
                    .iter()
                    .flat_map(|v| v.fields.iter().flatten())
                    .for_each(|f| named(&f.ty)),
            }
            decls.insert(name, d);
        }
        Schema {
            file: file.into(),
            decls,
            rows: tables
                .iter()
                .map(|t| (t.ty.to_string(), t.row.to_string()))
                .collect(),
            omit: omit.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn decl(&self, name: &str) -> &Decl {
        &self.decls[name]
    }

    fn fields_of<'d>(d: &'d Decl) -> Box<dyn Iterator<Item = &'d Field> + 'd> {
        match &d.shape {
            Shape::Struct(fs) => Box::new(fs.iter()),
            Shape::Enum(vs) => Box::new(vs.iter().flat_map(|v| v.fields.iter().flatten())),
        }
    }

    /// A type that can stand in a static as it is (no `String`, `Vec` or map inside).
    fn plain(&self, t: &Ty) -> bool {
        match t {
            Ty::Bool | Ty::Num(_) => true,
            Ty::Str | Ty::Vec(_) | Ty::Map(_) => false,
            Ty::Opt(a) => self.plain(a),
            Ty::Named(n) => Self::fields_of(self.decl(n)).all(|f| self.plain(&f.ty)),
        }
    }

    fn copy(&self, t: &Ty) -> bool {
        match t {
            Ty::Bool | Ty::Num(_) => true,
            Ty::Opt(a) => self.copy(a),
            Ty::Named(n) => self.decl(n).derives.iter().any(|d| d == "Copy"),
            Ty::Str | Ty::Vec(_) | Ty::Map(_) => false,
        }
    }

    /// A field the build leaves out (it takes its default value in the struct).
    fn omitted(&self, f: &Field) -> bool {
        let out = self.omit.contains(&f.key);
        assert!(
            !out || f.default,
            "{}: `{}` is left out of the wasm build, so it needs #[serde(default)]",
            self.file,
            f.name
        );
        out
    }

    fn row_name(&self, name: &str) -> String {
        if self.plain(&Ty::Named(name.into())) {
            name.into()
        } else {
            self.rows
                .get(name)
                .cloned()
                .unwrap_or_else(|| format!("{name}Row"))
        }
    }

    fn row_ty(&self, t: &Ty) -> String {
        match t {
            Ty::Bool => "bool".into(),
            Ty::Num(n) => n.clone(),
            Ty::Str => "&'static str".into(),
            Ty::Opt(a) => format!("Option<{}>", self.row_ty(a)),
            Ty::Vec(a) => format!("&'static [{}]", self.row_ty(a)),
            Ty::Map(a) => format!("&'static [(&'static str, {})]", self.row_ty(a)),
            Ty::Named(n) => self.row_name(n),
        }
    }

    fn conversion(&self, name: &str) -> String {
        let mut f = String::from("from");
        for c in self.row_name(name).chars() {
            if c.is_uppercase() {
                f.push('_');
            }
            f.extend(c.to_lowercase());
        }
        f
    }

    /// Rust for the value of the place `p` (a reference to it if `by_ref`), a `t` of its row
    /// type, as a `t`.
    fn conv(&self, p: &str, by_ref: bool, t: &Ty) -> String {
        let val = if by_ref { format!("*{p}") } else { p.into() };
        if self.plain(t) {
            return if self.copy(t) {
                val
            } else {
                format!("{p}.clone()")
            };
        }
        match t {
            Ty::Str => format!("String::from({val})"),
            Ty::Opt(a) => format!("{p}.as_ref().map({})", self.conv_fn(a)),
            Ty::Vec(a) if self.plain(a) => format!("{p}.to_vec()"),
            Ty::Vec(a) => format!("{p}.iter().map({}).collect()", self.conv_fn(a)),
            Ty::Map(a) => format!(
                "{{ let mut m = ::std::collections::BTreeMap::new(); for (k, x) in {p}.iter() \
                 {{ m.insert(String::from(*k), {}); }} m }}",
                self.conv("x", true, a)
            ),
            Ty::Named(n) => format!(
                "{}({}{p})",
                self.conversion(n),
                if by_ref { "" } else { "&" }
            ),
            Ty::Bool | Ty::Num(_) => unreachable!("plain"),
        }
    }

    /// A function from a reference to a row value to the value, for `map`.
    fn conv_fn(&self, t: &Ty) -> String {
        match t {
            Ty::Named(n) => self.conversion(n),
            t => format!("|x| {}", self.conv("x", true, t)),
        }
    }

    /// `field: value` of a struct (or struct variant) built from a row `place` (`r.` or ``).
    fn conv_fields(&self, fields: &[Field], place: &str, by_ref: bool) -> String {
        let mut out = String::new();
        for f in fields {
            let v = if self.omitted(f) {
                "Default::default()".into()
            } else {
                self.conv(&format!("{place}{}", f.name), by_ref, &f.ty)
            };
            let _ = write!(out, "{}: {v}, ", f.name);
        }
        out
    }

    fn row_fields(&self, fields: &[Field]) -> String {
        let mut out = String::new();
        for f in fields.iter().filter(|f| !self.omitted(f)) {
            let _ = write!(out, "{}: {}, ", f.name, self.row_ty(&f.ty));
        }
        out
    }

    /// The row type of `name` (unless plain) and its conversion, and those of the types its
    /// fields name, each once.
    fn row_decls(&self, name: &str, out: &mut String, done: &mut BTreeSet<String>) {
        if self.plain(&Ty::Named(name.into())) || !done.insert(name.into()) {
            return;
        }
        let d = self.decl(name);
        let row = self.row_name(name);
        let from = self.conversion(name);
        match &d.shape {
            Shape::Struct(fs) => {
                let _ = writeln!(out, "struct {row} {{ {}}}", self.row_fields(fs));
                let _ = writeln!(
                    out,
                    "fn {from}(r: &{row}) -> {name} {{ {name} {{ {}}} }}",
                    self.conv_fields(fs, "r.", false)
                );
            }
            Shape::Enum(vs) => {
                let (mut decl, mut arms) = (String::new(), String::new());
                for v in vs {
                    let Some(fs) = &v.fields else {
                        let _ = write!(decl, "{}, ", v.name);
                        let _ = write!(arms, "{row}::{0} => {name}::{0}, ", v.name);
                        continue;
                    };
                    let _ = write!(decl, "{} {{ {}}}, ", v.name, self.row_fields(fs));
                    let bound: Vec<&str> = fs
                        .iter()
                        .filter(|f| !self.omitted(f))
                        .map(|f| f.name.as_str())
                        .collect();
                    let _ = write!(
                        arms,
                        "{row}::{0} {{ {1} }} => {name}::{0} {{ {2}}}, ",
                        v.name,
                        bound.join(", "),
                        self.conv_fields(fs, "", true)
                    );
                }
                // A variant no entry uses is never constructed.
                let _ = writeln!(out, "#[allow(dead_code)]\nenum {row} {{ {decl}}}");
                let _ = writeln!(
                    out,
                    "fn {from}(r: &{row}) -> {name} {{ match r {{ {arms}}} }}"
                );
            }
        }
        for f in Self::fields_of(d) {
            let mut t = &f.ty;
            while let Ty::Opt(a) | Ty::Vec(a) | Ty::Map(a) = t {
                t = a;
            }
            if let Ty::Named(n) = t {
                self.row_decls(n, out, done);
            }
        }
    }

    /// The value of a field absent from the JSON, as serde gives it.
    fn absent(&self, f: &Field, what: &str) -> String {
        match &f.ty {
            _ if f.default => self.default(&f.ty, &format!("{what}.{}", f.key)),
            Ty::Opt(_) => "None".into(),
            _ => panic!("{what}: missing field `{}`", f.key),
        }
    }

    /// The row literal of `Default::default()` (derived, so field by field).
    fn default(&self, t: &Ty, what: &str) -> String {
        match t {
            Ty::Bool => "false".into(),
            Ty::Num(n) if n.starts_with('f') => format!("0.0_{n}"),
            Ty::Num(n) => format!("0_{n}"),
            Ty::Str => "\"\"".into(),
            Ty::Opt(_) => "None".into(),
            Ty::Vec(_) | Ty::Map(_) => "&[]".into(),
            Ty::Named(n) => {
                let d = self.decl(n);
                let Shape::Struct(fs) = &d.shape else {
                    panic!("{what}: build.rs has no default for enum {n}")
                };
                assert!(
                    d.derives.iter().any(|d| d == "Default"),
                    "{what}: {n} must derive Default"
                );
                let mut out = format!("{} {{ ", self.row_name(n));
                for f in fs.iter().filter(|f| self.plain(t) || !self.omitted(f)) {
                    let _ = write!(out, "{}: {}, ", f.name, self.default(&f.ty, what));
                }
                out + "}"
            }
        }
    }

    /// The fields of a row literal from a JSON object.
    fn field_values(
        &self,
        fs: &[Field],
        o: &Map<String, Value>,
        plain: bool,
        what: &str,
    ) -> String {
        let mut out = String::new();
        for f in fs.iter().filter(|f| plain || !self.omitted(f)) {
            let v = match o.get(&f.key) {
                Some(v) => self.literal(&f.ty, v, &format!("{what}.{}", f.key)),
                None => self.absent(f, what),
            };
            let _ = write!(out, "{}: {v}, ", f.name);
        }
        out
    }

    /// The row literal (Rust) of the JSON value `v` of type `t`; `what` names it in panics.
    fn literal(&self, t: &Ty, v: &Value, what: &str) -> String {
        let bad = |expected: &str| -> ! { panic!("{what}: expected {expected}, found {v}") };
        match t {
            Ty::Bool => v.as_bool().unwrap_or_else(|| bad("a boolean")).to_string(),
            Ty::Num(n) if n == "f64" => {
                format!("{:?}_f64", v.as_f64().unwrap_or_else(|| bad("a number")))
            }
            Ty::Num(n) if n == "f32" => format!(
                "{:?}_f32",
                v.as_f64().unwrap_or_else(|| bad("a number")) as f32
            ),
            Ty::Num(n) => {
                let x = v
                    .as_i64()
                    .map(i128::from)
                    .or(v.as_u64().map(i128::from))
                    .unwrap_or_else(|| bad("an integer"));
                let bits: u32 = n[1..].parse().unwrap_or(64);
                let (lo, hi) = if n.starts_with('u') {
                    (0, (1i128 << bits) - 1)
                } else {
                    (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
                };
                if !(lo..=hi).contains(&x) {
                    bad(&format!("a {n}"));
                }
                format!("{x}_{n}")
            }
            Ty::Str => format!("{:?}", v.as_str().unwrap_or_else(|| bad("a string"))),
            Ty::Opt(a) => match v {
                Value::Null => "None".into(),
                v => format!("Some({})", self.literal(a, v, what)),
            },
            Ty::Vec(a) => {
                let items = v.as_array().unwrap_or_else(|| bad("an array"));
                let mut out = String::from("&[");
                for (i, x) in items.iter().enumerate() {
                    let _ = write!(out, "{}, ", self.literal(a, x, &format!("{what}[{i}]")));
                }
                out + "]"
            }
            Ty::Map(a) => {
                let o = v.as_object().unwrap_or_else(|| bad("an object"));
                let mut out = String::from("&[");
                for (k, x) in o {
                    let _ = write!(
                        out,
                        "({k:?}, {}), ",
                        self.literal(a, x, &format!("{what}.{k}"))
                    );
                }
                out + "]"
            }
            Ty::Named(n) => {
                let row = self.row_name(n);
                let plain = self.plain(t);
                match &self.decl(n).shape {
                    Shape::Struct(fs) => {
                        let o = v.as_object().unwrap_or_else(|| bad("an object"));
                        format!("{row} {{ {}}}", self.field_values(fs, o, plain, what))
                    }
                    Shape::Enum(vs) => {
                        let (key, inner) = match v {
                            Value::String(k) => (k, None),
                            Value::Object(o) if o.len() == 1 => {
                                let (k, x) = o.iter().next().expect("one entry");
                                (k, Some(x))
                            }
                            _ => bad(&format!("a {n} (\"variant\" or {{\"variant\": {{…}}}})")),
                        };
                        let var = vs
                            .iter()
                            .find(|x| &x.key == key)
                            .unwrap_or_else(|| panic!("{what}: unknown {n} variant `{key}`"));
                        match (&var.fields, inner) {
                            (None, None) => format!("{row}::{}", var.name),
                            (Some(fs), Some(x)) => {
                                let o = x.as_object().unwrap_or_else(|| bad("an object"));
                                let w = format!("{what}.{key}");
                                format!(
                                    "{row}::{} {{ {}}}",
                                    var.name,
                                    self.field_values(fs, o, plain, &w)
                                )
                            }
                            _ => bad(&format!("{n}::{} in serde's form", var.name)),
                        }
                    }
                }
            }
        }
    }
}

/// Rust for the tables of `tables` (each with the JSON value of its file): row types, static
/// tables, conversions, and per table a `pub(super) fn` returning its entries converted.
/// `file` and `src` are the path and text of the Rust file declaring the tables' types;
/// `omit` are the field names the build leaves out.
pub fn generate(file: &str, src: &str, tables: &[(&Table, &Value)], omit: &[&str]) -> String {
    let types: Vec<&Table> = tables.iter().map(|(t, _)| *t).collect();
    let s = Schema::new(file, src, &types, omit);
    let mut out = String::new();
    let mut done = BTreeSet::new();
    for (t, v) in tables {
        let ty = Ty::Named(t.ty.into());
        s.row_decls(t.ty, &mut out, &mut done);
        let row = s.row_name(t.ty);
        let v = match t.at {
            Some(k) => v
                .get(k)
                .unwrap_or_else(|| panic!("{}: missing `{k}`", t.file)),
            None => v,
        };
        let what = |id: String| format!("{} {id}", t.file);
        if t.map {
            let o = v
                .as_object()
                .unwrap_or_else(|| panic!("{}: not an object", t.file));
            let _ = writeln!(out, "static {}: &[(&str, {row})] = &[", t.name);
            for (k, x) in o {
                let _ = writeln!(out, "({k:?}, {}),", s.literal(&ty, x, &what(k.clone())));
            }
            let _ = writeln!(
                out,
                "];\npub(super) fn {}() -> ::std::collections::BTreeMap<String, {}> {{\n\
                 let mut m = ::std::collections::BTreeMap::new();\n\
                 for (k, r) in {} {{ m.insert(String::from(*k), {}); }}\nm\n}}",
                t.func,
                t.ty,
                t.name,
                s.conv("r", true, &ty)
            );
        } else {
            let a = v
                .as_array()
                .unwrap_or_else(|| panic!("{}: not an array", t.file));
            let _ = writeln!(out, "static {}: &[{row}] = &[", t.name);
            for (i, x) in a.iter().enumerate() {
                let id = x
                    .get("id")
                    .and_then(Value::as_str)
                    .map_or(format!("#{i}"), String::from);
                let _ = writeln!(out, "{},", s.literal(&ty, x, &what(id)));
            }
            let all = if s.plain(&ty) {
                format!("{}.to_vec()", t.name)
            } else {
                format!("{}.iter().map({}).collect()", t.name, s.conversion(t.ty))
            };
            let _ = writeln!(
                out,
                "];\npub(super) fn {}() -> Vec<{}> {{ {all} }}",
                t.func, t.ty
            );
        }
    }
    out
}

fn read_text(path: &Path) -> String {
    println!("cargo::rerun-if-changed={}", path.display());
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(path: &Path) -> Value {
    let text = read_text(path);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let slim = env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    let mut parsed = Vec::new();
    for f in FILES {
        let mut v = read(&Path::new("src/data").join(f));
        if slim {
            strip(&mut v);
        }
        retag(&mut v);
        fs::write(out.join(f), v.to_string()).expect("write to OUT_DIR");
        parsed.push(v);
    }
    let omit: Vec<&str> = if slim {
        SOURCE_KEYS.iter().chain(&UNSHOWN_KEYS).copied().collect()
    } else {
        Vec::new()
    };
    let tables: Vec<(&Table, &Value)> = CATALOGUE
        .iter()
        .map(|t| {
            let i = FILES
                .iter()
                .position(|f| *f == t.file)
                .expect("a catalogue file");
            (t, &parsed[i])
        })
        .collect();
    // The catalogue's declarations: its types, in the module and its two files of entries.
    let file = "src/data/mod.rs";
    let text = ["src/data/mod.rs", "src/data/chips.rs", "src/data/models.rs"]
        .map(|f| read_text(Path::new(f)))
        .join("\n");
    let code = generate(file, &text, &tables, &omit);
    let code =
        format!("// @generated by build.rs from {file} and src/data/*.json: do not edit.\n{code}");
    fs::write(out.join("catalogue.rs"), code).expect("write to OUT_DIR");

    let mut cal = read(Path::new("src/data/calibration.json"));
    // The row's `note` and `source`: the page shows neither (section 8 names a row by its
    // group, chip, model and setting, and links the full file, shipped beside it).
    let omit: &[&str] = if slim { &["note", "source"] } else { &[] };
    if let Some(Value::Array(rows)) = cal.get_mut("rows") {
        for r in rows.iter_mut().filter_map(Value::as_object_mut) {
            for k in omit {
                r.remove(*k);
            }
        }
    }
    let file = "src/calibration.rs";
    let code = generate(
        file,
        &read_text(Path::new(file)),
        &[(&CALIBRATION, &cal)],
        omit,
    );
    let code = format!(
        "// @generated by build.rs from {file} and src/data/calibration.json: do not edit.\n{code}"
    );
    fs::write(out.join("calibration_rows.rs"), code).expect("write to OUT_DIR");
}
