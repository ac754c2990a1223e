//! Starting points for editors: `bayan init` writes a new trilingual site (the default theme and
//! a short starter site, both embedded in the binary so it works from any folder), and
//! `bayan new` writes a page bundle of one kind in every language a site is configured for.
//! Neither ever replaces or deletes a file that is already there.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Config;
use crate::content::kinds::{self, toml_string, Dating, PageKind, Scaffold, Wording};
use crate::content::CONTENT_DIR;
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics};

/// Embeds files of a folder of this repository, listed by hand (so the binary needs no build
/// script); the tests compare each list with its folder, so a list cannot go stale unnoticed.
macro_rules! embed_files {
    ($folder:literal: $($path:literal),* $(,)?) => {
        &[$((
            $path,
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $folder, "/", $path)) as &[u8],
        )),*]
    };
}

/// Where the default theme lives in a site, and in this repository.
pub const THEME_DIR: &str = "themes/bayan";

/// Every file of the default theme (`themes/bayan/`), by its path inside that folder.
pub const THEME_FILES: &[(&str, &[u8])] = embed_files!("themes/bayan":
    "theme.toml",
    "fonts/NotoNaskhArabic-Bold.ttf",
    "fonts/NotoNaskhArabic-Regular.ttf",
    "fonts/NotoSans-Bold.ttf",
    "fonts/NotoSans-Regular.ttf",
    "fonts/OFL.txt",
    "i18n/ar.ftl",
    "i18n/en.ftl",
    "i18n/ku.ftl",
    "static/favicon.svg",
    "static/media.js",
    "static/print.js",
    "static/search.css",
    "static/search.js",
    "static/style.css",
    "templates/404.html",
    "templates/about.html",
    "templates/base.html",
    "templates/conference.html",
    "templates/index.html",
    "templates/page.html",
    "templates/partials/attachments.html",
    "templates/partials/footer.html",
    "templates/partials/gallery.html",
    "templates/partials/header.html",
    "templates/partials/language-switcher.html",
    "templates/partials/names.html",
    "templates/partials/nav-links.html",
    "templates/partials/page-list.html",
    "templates/partials/page-meta.html",
    "templates/partials/pagination.html",
    "templates/partials/related.html",
    "templates/partials/signup.html",
    "templates/partials/print.html",
    "templates/partials/social.html",
    "templates/partials/terms.html",
    "templates/partials/toc.html",
    "templates/partials/untranslated-notice.html",
    "templates/partials/videos.html",
    "templates/report.html",
    "templates/search.html",
    "templates/section.html",
    "templates/shortcodes/figure.md",
    "templates/shortcodes/note.md",
    "templates/shortcodes/quote.md",
    "templates/shortcodes/signup.html",
    "templates/shortcodes/video.html",
    "templates/signup-result.html",
    "templates/statement.html",
    "templates/taxonomy_list.html",
    "templates/taxonomy_single.html",
);

/// Where the starter site's files live in this repository.
pub const STARTER_DIR: &str = "src/scaffold/starter";

/// The starter site of `bayan init` (`src/scaffold/starter/`): config, UI strings and content
/// of an imaginary network of organisations, a page of every kind in Arabic, English and Kurmanji.
pub const STARTER_FILES: &[(&str, &[u8])] = embed_files!("src/scaffold/starter":
    "config.toml",
    "i18n/ar.ftl",
    "i18n/en.ftl",
    "i18n/ku.ftl",
    "content/_index.md",
    "content/_index.en.md",
    "content/_index.ku.md",
    "content/about/_index.md",
    "content/about/_index.en.md",
    "content/about/_index.ku.md",
    "content/about/civic-network/index.md",
    "content/about/civic-network/index.en.md",
    "content/about/civic-network/index.ku.md",
    "content/about/privacy/index.md",
    "content/about/privacy/index.en.md",
    "content/about/privacy/index.ku.md",
    "content/reports/_index.md",
    "content/reports/_index.en.md",
    "content/reports/_index.ku.md",
    "content/reports/members-meeting-2024/index.md",
    "content/reports/members-meeting-2024/index.en.md",
    "content/reports/members-meeting-2024/index.ku.md",
    "content/conferences/_index.md",
    "content/conferences/_index.en.md",
    "content/conferences/_index.ku.md",
    "content/conferences/civic-forum-2024/index.md",
    "content/conferences/civic-forum-2024/index.en.md",
    "content/conferences/civic-forum-2024/index.ku.md",
    "content/statements/_index.md",
    "content/statements/_index.en.md",
    "content/statements/_index.ku.md",
    "content/statements/civic-forum-2024/index.md",
    "content/statements/civic-forum-2024/index.en.md",
    "content/statements/civic-forum-2024/index.ku.md",
);

/// Kept out of version control: what `bayan build` and the image cache write.
const GITIGNORE: &str = "public/\n.bayan-cache/\n";

/// Something `init` or `new` refused to do. Nothing was written.
#[derive(Debug)]
pub enum ScaffoldError {
    /// A mistake on the command line (exit code 2).
    Usage { message: String, hint: String },
    /// A problem with the site's folder or its files (exit code 1).
    Site(Diagnostics),
}

impl ScaffoldError {
    fn usage(message: impl Into<String>, hint: impl Into<String>) -> ScaffoldError {
        ScaffoldError::Usage {
            message: message.into(),
            hint: hint.into(),
        }
    }

    fn site(diagnostic: Diagnostic) -> ScaffoldError {
        ScaffoldError::Site(diagnostic.into())
    }

    /// The process exit code: 2 for a mistake on the command line, 1 for the site.
    pub fn exit_code(&self) -> u8 {
        match self {
            ScaffoldError::Usage { .. } => 2,
            ScaffoldError::Site(_) => 1,
        }
    }
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaffoldError::Usage { message, hint } => {
                write!(f, "error: {message}\n  hint: {hint}")
            }
            ScaffoldError::Site(problems) => write!(f, "{}", problems.to_string().trim_end()),
        }
    }
}

/// KIND of `bayan new` for a page of no particular kind.
const PLAIN_PAGE: &str = "page";

/// What KIND of `bayan new` may be: "page, about, report, conference or statement".
pub fn kinds_help() -> String {
    let names: Vec<&str> = kinds::KINDS.iter().map(|k| k.name).collect();
    format!("{PLAIN_PAGE}, {}", names.join(", "))
        .rsplit_once(", ")
        .map(|(first, last)| format!("{first} or {last}"))
        .unwrap_or_default()
}

/// Reads KIND from the command line: a plain page (`None`) or one of the kinds of page,
/// suggesting the closest kind for a typo.
pub fn parse_kind(word: &str) -> Result<Option<&'static PageKind>, ScaffoldError> {
    let wanted = word.trim().to_lowercase();
    if wanted == PLAIN_PAGE {
        return Ok(None);
    }
    if let Some(kind) = kinds::find(&wanted) {
        return Ok(Some(kind));
    }
    let names: Vec<&str> = std::iter::once(PLAIN_PAGE)
        .chain(kinds::KINDS.iter().map(|k| k.name))
        .collect();
    let known = names.join(", ");
    let hint = match did_you_mean(&wanted, names.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? The kinds are: {known}"),
        None => format!("the kinds are: {known}"),
    };
    Err(ScaffoldError::usage(
        format!("`{word}` is not a kind of page"),
        hint,
    ))
}

/// What `bayan new` wrote, ready to be printed.
#[derive(Debug)]
pub struct NewPage {
    /// `None` for a plain page.
    pub kind: Option<&'static PageKind>,
    /// The files written, as the editor can open them from where they ran the command, with
    /// the language of each (default language first).
    pub files: Vec<(String, PathBuf)>,
    /// How to run `bayan serve` for this site from where the command ran.
    serve_command: String,
}

impl fmt::Display for NewPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Created {} in every language, as a draft:",
            self.kind.map_or("a page", |k| k.described)
        )?;
        let width = self
            .files
            .iter()
            .map(|(_, path)| path.display().to_string().chars().count())
            .max()
            .unwrap_or(0);
        for (lang, path) in &self.files {
            let path = path.display().to_string();
            writeln!(f, "  {path:width$}  ({lang})")?;
        }
        writeln!(
            f,
            "Next: fill in the title and the text, and preview with `{}` (it shows drafts).",
            self.serve_command
        )?;
        write!(
            f,
            "`bayan build` leaves the page out until you delete the line `draft = true` in each file."
        )
    }
}

/// `bayan new KIND PATH`: writes `content/PATH/index.md` and a translation for every other
/// configured language, front matter filled in for the kind with today's date, as a draft.
pub fn new_page(root: &Path, kind: &str, path: &str) -> Result<NewPage, ScaffoldError> {
    new_page_dated(root, kind, path, chrono::Local::now().date_naive())
}

/// [`new_page`] with the date to write, so it can be tested on a fixed day.
pub fn new_page_dated(
    root: &Path,
    kind: &str,
    path: &str,
    today: NaiveDate,
) -> Result<NewPage, ScaffoldError> {
    let kind = parse_kind(kind)?;
    let folder = content_folder(path)?;
    let config = Config::load(root).map_err(|problems| {
        ScaffoldError::Site(Diagnostics(
            problems
                .into_iter()
                .map(|mut d| {
                    d.path = shown(root, &d.path);
                    d
                })
                .collect(),
        ))
    })?;

    let folder_rel = Path::new(CONTENT_DIR).join(&folder);
    let files: Vec<(String, PathBuf, String)> = config
        .languages
        .iter()
        .map(|language| {
            let name = if language.is_default {
                "index.md".to_string()
            } else {
                format!("index.{}.md", language.code)
            };
            (
                language.code.clone(),
                folder_rel.join(name),
                page_text(kind, &language.code, today),
            )
        })
        .collect();

    check_free(root, &folder_rel, &config)?;
    write_new_files(root, &folder_rel, &files)?;

    let serve_command = if root == Path::new(".") {
        "bayan serve".to_string()
    } else {
        format!("bayan serve --root {}", root.display())
    };
    Ok(NewPage {
        kind,
        files: files
            .into_iter()
            .map(|(lang, rel, _)| (lang, shown(root, &rel)))
            .collect(),
        serve_command,
    })
}

/// A path as the editor can open it from where they ran the command.
fn shown(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") || rel.is_absolute() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

/// PATH of `bayan new`, checked and written with `/`: a folder inside content/.
fn content_folder(path: &str) -> Result<String, ScaffoldError> {
    const EXAMPLE: &str = "name the page's folder inside content/, e.g. reports/geneva-2024";
    let as_path = Path::new(path.trim());
    if as_path.is_absolute() || as_path.has_root() {
        return Err(ScaffoldError::usage(
            format!("`{path}` is an absolute path, but PATH is a folder inside content/"),
            EXAMPLE,
        ));
    }
    let mut parts = Vec::new();
    for component in as_path.components() {
        match component {
            Component::Normal(part) => {
                let Some(part) = part.to_str() else {
                    return Err(ScaffoldError::usage(
                        format!("`{path}` is not valid Unicode"),
                        EXAMPLE,
                    ));
                };
                parts.push(part);
            }
            Component::CurDir => {}
            Component::ParentDir => {
                return Err(ScaffoldError::usage(
                    format!("`{path}` leads out of content/ with `..`"),
                    EXAMPLE,
                ))
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(ScaffoldError::usage(
                    format!("`{path}` is an absolute path, but PATH is a folder inside content/"),
                    EXAMPLE,
                ))
            }
        }
    }
    let Some(last) = parts.last() else {
        return Err(ScaffoldError::usage("PATH names no folder", EXAMPLE));
    };
    if parts[0] == CONTENT_DIR && parts.len() > 1 {
        return Err(ScaffoldError::usage(
            format!("`{path}` starts with content/, but PATH is already inside content/"),
            format!("write `{}`", parts[1..].join("/")),
        ));
    }
    if last.ends_with(".md") {
        return Err(ScaffoldError::usage(
            format!("`{path}` names a file, but PATH is the page's folder"),
            format!(
                "write `{}`: bayan writes index.md and its translations inside it",
                parts.join("/").trim_end_matches(".md")
            ),
        ));
    }
    if let Some(hidden) = parts.iter().find(|p| p.starts_with('.')) {
        return Err(ScaffoldError::usage(
            format!("`{hidden}` starts with a dot, and such folders are left out of the site"),
            EXAMPLE,
        ));
    }
    Ok(parts.join("/"))
}

/// Refuses a page whose folder, files or address are taken, or whose place is blocked by a file.
fn check_free(root: &Path, folder_rel: &Path, config: &Config) -> Result<(), ScaffoldError> {
    let shown_folder = shown(root, folder_rel);
    // The deepest folder of PATH that exists must be inside the site, links resolved.
    let existing = root
        .join(folder_rel)
        .ancestors()
        .find(|a| a.exists())
        .map(Path::to_path_buf);
    if existing.is_some_and(|a| !crate::source::stays_inside(root, &a)) {
        return Err(ScaffoldError::site(
            Diagnostic::error(
                Code::Scaffold,
                &shown_folder,
                "this path goes through a link to a folder outside the site; nothing was written",
            )
            .with_hint(
                "new pages go inside content/: pick a PATH that does not pass through that link",
            ),
        ));
    }
    if root.join(folder_rel).symlink_metadata().is_ok() {
        return Err(ScaffoldError::site(
            Diagnostic::error(Code::Scaffold, &shown_folder, "this folder already exists; nothing was written")
                .with_hint(
                    "pick another PATH for the new page, or rename or delete that folder first if you mean to start it again",
                ),
        ));
    }
    // `reports/geneva.md` would have the address the bundle `reports/geneva/` asks for.
    let name = folder_rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for language in &config.languages {
        let page = if language.is_default {
            format!("{name}.md")
        } else {
            format!("{name}.{}.md", language.code)
        };
        let page_rel = folder_rel.with_file_name(page);
        if root.join(&page_rel).exists() {
            return Err(ScaffoldError::site(
                Diagnostic::error(
                    Code::Scaffold,
                    shown(root, &page_rel),
                    format!(
                        "this page already has the address {} asks for; nothing was written",
                        shown_folder.display()
                    ),
                )
                .with_hint("pick another PATH for the new page"),
            ));
        }
    }
    for ancestor in folder_rel.ancestors().skip(1) {
        let path = root.join(ancestor);
        if path.exists() && !path.is_dir() {
            return Err(ScaffoldError::site(
                Diagnostic::error(
                    Code::Scaffold,
                    shown(root, ancestor),
                    "this is a file, so no folder can be made inside it; nothing was written",
                )
                .with_hint("pick another PATH for the new page"),
            ));
        }
    }
    Ok(())
}

/// Writes `files` into the new folder `folder_rel`; on a failure, removes what it wrote.
fn write_new_files(
    root: &Path,
    folder_rel: &Path,
    files: &[(String, PathBuf, String)],
) -> Result<(), ScaffoldError> {
    let mut created = Created::default();
    let result = (|| {
        created.make_dirs(&root.join(folder_rel))?;
        for (_, rel, text) in files {
            created.write_new(&root.join(rel), text.as_bytes())?;
        }
        Ok::<(), (PathBuf, io::Error)>(())
    })();
    result.map_err(|(path, error)| {
        created.undo();
        let rel = path.strip_prefix(root).unwrap_or(&path);
        ScaffoldError::site(
            Diagnostic::error(
                Code::Scaffold,
                shown(root, rel),
                format!("cannot write: {error}; nothing was written"),
            )
            .with_hint("check that the folder is yours to write in and the disk is not full"),
        )
    })
}

/// Files and folders one command made, so a failure halfway can take them back.
#[derive(Default)]
struct Created {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Created {
    /// Like `create_dir_all`, remembering each folder it made.
    fn make_dirs(&mut self, dir: &Path) -> Result<(), (PathBuf, io::Error)> {
        // A relative path's last ancestor is "", the folder the command runs in.
        let missing: Vec<&Path> = dir
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .collect();
        for dir in missing.into_iter().rev() {
            fs::create_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
            self.dirs.push(dir.to_path_buf());
        }
        Ok(())
    }

    /// Writes a file that must not exist yet: a file that appeared meanwhile is not replaced.
    fn write_new(&mut self, path: &Path, bytes: &[u8]) -> Result<(), (PathBuf, io::Error)> {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| (path.to_path_buf(), e))?;
        self.files.push(path.to_path_buf());
        file.write_all(bytes).map_err(|e| (path.to_path_buf(), e))
    }

    fn undo(&self) {
        for file in self.files.iter().rev() {
            let _ = fs::remove_file(file);
        }
        for dir in self.dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

/// The Markdown file of a new page of `kind` (`None`: a plain page) in `lang`, dated `today`.
/// What is particular to a kind comes from its file in `content/kinds/`.
fn page_text(kind: Option<&PageKind>, lang: &str, today: NaiveDate) -> String {
    let wording = Wording::of(lang);
    let plain = Scaffold {
        title: wording.pick([
            "عنوان الصفحة",
            "Title of the page",
            "Sernavê rûpelê",
            "ناونیشانی پەڕە",
        ]),
        dating: Dating::Dated,
        weighted: true,
        front: String::new(),
        body: String::new(),
    };
    let kind = kind.map_or(plain, |k| (k.scaffold)(wording, today));
    let date = today.format("%Y-%m-%d").to_string();
    // The comments are in the page's language, like the placeholders.
    let mut front = format!("title = {}\n", toml_string(kind.title));
    let description = wording.pick([
        "جملة أو جملتان، لمحركات البحث وقوائم الصفحات",
        "a sentence or two, for search engines and lists",
        "hevokek an du hevok, ji bo motorên lêgerînê û lîsteyan",
        "ڕستەیەک یان دوو ڕستە، بۆ بزوێنەرەکانی گەڕان و لیستەکان",
    ]);
    front.push_str(&format!("# description = \"…\"  # {description}\n"));
    front.push_str(&match kind.dating {
        Dating::Dated => format!("date = {date}\n"),
        Dating::FirstDay => format!(
            "date = {date}  # {}\n",
            wording.pick(["اليوم الأول", "the first day", "roja yekem", "ڕۆژی یەکەم"])
        ),
        Dating::Undated => format!(
            "# date = {date}  # {}\n",
            wording.pick([
                "صفحة التعريف تكون عادةً بلا تاريخ",
                "an about page usually goes without a date",
                "rûpela derbarê me de bi gelemperî bê dîrok e",
                "پەڕەی دەربارە زۆربەی جار بێ بەروارە",
            ])
        ),
    });
    let draft = wording.pick([
        "يعرض `bayan serve` المسودات، وينشر `bayan build` الصفحة متى حُذف هذا السطر",
        "`bayan serve` shows drafts; `bayan build` publishes the page once this line is gone",
        "`bayan serve` reşnivîsan nîşan dide; `bayan build` rûpelê diweşîne gava ev rêz were jêbirin",
        "`bayan serve` ڕەشنووسەکان پیشان دەدات؛ `bayan build` پەڕەکە بڵاو دەکاتەوە کاتێک ئەم دێڕە لابدرێت",
    ]);
    front.push_str(&format!("draft = true  # {draft}\n"));
    if kind.weighted {
        let weight = wording.pick([
            "يرتّب صفحات القسم حين يُرتَّب القسم حسب الوزن",
            "orders the pages of a section sorted by weight",
            "rêza rûpelên beşekê diyar dike, gava beş li gorî giraniyê tê rêzkirin",
            "ڕیزبەندیی پەڕەکانی بەشێک دیاری دەکات کاتێک بەش بەپێی کێش ڕیز دەکرێت",
        ]);
        front.push_str(&format!("# weight = 10  # {weight}\n"));
    }
    front.push_str(&kind.front);
    let opening = wording.pick([
        "اكتب نص الصفحة هنا بصيغة Markdown.",
        "Write the text of the page here, in Markdown.",
        "Nivîsa rûpelê li vir bi Markdown binivîse.",
        "دەقی پەڕەکە لێرە بە Markdown بنووسە.",
    ]);
    format!("+++\n{front}+++\n\n{opening}\n{}", kind.body)
}

/// What `bayan init` did, ready to be printed.
#[derive(Debug)]
pub struct InitReport {
    /// The site's folder, as given.
    pub dir: PathBuf,
    /// Files written, relative to `dir`.
    pub written: Vec<PathBuf>,
    /// Files that were already there and were left as they were, relative to `dir`.
    pub kept: Vec<PathBuf>,
}

impl fmt::Display for InitReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |prefix: &str| {
            self.written
                .iter()
                .filter(|p| p.starts_with(prefix))
                .count()
        };
        writeln!(
            f,
            "Created a new site in {} ({} files): config.toml, content/ ({} pages and sections in ar, en, ku), i18n/, {THEME_DIR}/ ({} files)",
            self.dir.display(),
            self.written.len(),
            count(CONTENT_DIR),
            count(THEME_DIR),
        )?;
        if !self.kept.is_empty() {
            writeln!(f, "Left as they were, already there:")?;
            for path in &self.kept {
                writeln!(f, "  {}", path.display())?;
            }
        }
        writeln!(f, "Next:")?;
        if self.dir != Path::new(".") {
            writeln!(f, "  cd {}", self.dir.display())?;
        }
        writeln!(
            f,
            "  bayan serve                           preview the site as you edit"
        )?;
        write!(
            f,
            "  bayan new report reports/my-report    start a report in every language"
        )
    }
}

/// `bayan init [DIR] [--force]`: writes the starter site and the default theme into `dir`,
/// which must be empty or new unless `force`; a file already there is never replaced.
pub fn init(dir: &Path, force: bool) -> Result<InitReport, ScaffoldError> {
    let in_the_way = |rel: &Path, message: &str| {
        ScaffoldError::site(
            Diagnostic::error(
                Code::Scaffold,
                shown(dir, rel),
                format!("{message}; nothing was written"),
            )
            .with_hint("move it away, or start the site in another folder"),
        )
    };
    if dir.exists() && !dir.is_dir() {
        return Err(in_the_way(Path::new(""), "this is a file, not a folder"));
    }
    if dir.is_dir() && !force {
        let visible = visible_entries(dir).map_err(|e| {
            ScaffoldError::site(Diagnostic::error(
                Code::Scaffold,
                dir,
                format!("cannot read the folder: {e}"),
            ))
        })?;
        if !visible.is_empty() {
            let mut listed = visible
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if visible.len() > 3 {
                listed.push_str(", …");
            }
            return Err(ScaffoldError::site(
                Diagnostic::error(Code::Scaffold,
                    dir,
                    format!("this folder is not empty (it holds {listed}); nothing was written"),
                )
                .with_hint(
                    "start the site in a new folder (bayan init my-site), or pass --force to add the starter files beside what is there: no file is replaced or deleted",
                ),
            ));
        }
    }

    let mut planned: Vec<(PathBuf, &[u8])> = STARTER_FILES
        .iter()
        .map(|(rel, bytes)| (PathBuf::from(rel), *bytes))
        .collect();
    planned.push((PathBuf::from(".gitignore"), GITIGNORE.as_bytes()));
    planned.extend(
        THEME_FILES
            .iter()
            .map(|(rel, bytes)| (Path::new(THEME_DIR).join(rel), *bytes)),
    );

    // Everything is checked before the first file is written.
    let mut to_write = Vec::new();
    let mut kept = Vec::new();
    for (rel, bytes) in planned {
        for ancestor in rel
            .ancestors()
            .skip(1)
            .filter(|a| !a.as_os_str().is_empty())
        {
            let path = dir.join(ancestor);
            if path.exists() && !path.is_dir() {
                return Err(in_the_way(
                    ancestor,
                    "a file is where the new site needs a folder",
                ));
            }
        }
        let path = dir.join(&rel);
        match path.symlink_metadata() {
            Ok(metadata) if metadata.is_dir() => {
                return Err(in_the_way(
                    &rel,
                    "a folder is where the new site needs a file",
                ))
            }
            Ok(_) => kept.push(rel),
            Err(_) => to_write.push((rel, bytes)),
        }
    }

    let mut created = Created::default();
    for (rel, bytes) in &to_write {
        let path = dir.join(rel);
        let written = created
            .make_dirs(path.parent().expect("a file has a folder"))
            .and_then(|()| created.write_new(&path, bytes));
        if let Err((path, error)) = written {
            created.undo();
            return Err(ScaffoldError::site(
                Diagnostic::error(
                    Code::Scaffold,
                    path,
                    format!("cannot write: {error}; nothing was written"),
                )
                .with_hint("check that the folder is yours to write in and the disk is not full"),
            ));
        }
    }
    Ok(InitReport {
        dir: dir.to_path_buf(),
        written: to_write.into_iter().map(|(rel, _)| rel).collect(),
        kept,
    })
}

/// The names in `dir` that do not start with a dot: a folder holding only `.git` counts as empty.
fn visible_entries(dir: &Path) -> io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{self, PageFrontMatter};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 5).unwrap()
    }

    #[test]
    fn every_kind_in_every_language_parses_as_its_kind_and_draft() {
        let kinds = std::iter::once(None).chain(kinds::KINDS.map(Some));
        for kind in kinds {
            for lang in ["ar", "en", "ku", "ckb", "fr"] {
                let text = page_text(kind, lang, day());
                let rel = Path::new("content/x/index.md");
                let split = front_matter::split(&text, rel).unwrap();
                let front: PageFrontMatter = front_matter::parse_page(&split, rel)
                    .unwrap_or_else(|e| panic!("{kind:?} {lang}: {e}\n{text}"));
                let name = |k: Option<&PageKind>| k.map(|k| k.name);
                assert_eq!(name(front.kind().unwrap()), name(kind), "{text}");
                assert!(front.draft, "{text}");
                let title = kind.map_or("Title of the page", |k| {
                    (k.scaffold)(Wording::of(lang), day()).title
                });
                if lang != "en" && lang != "fr" {
                    assert_ne!(front.title, "Title of the page");
                }
                if kind.is_some() || lang == "en" || lang == "fr" {
                    assert_eq!(front.title, title, "{text}");
                }
                if kind.is_some_and(|k| k.name == "about") {
                    assert!(front.date.is_none(), "{text}");
                } else {
                    assert_eq!(front.date.unwrap().iso, "2024-06-05");
                }
            }
        }
        let conference = page_text(kinds::find("conference"), "en", day());
        assert!(conference.contains("end_date = 2024-06-05"), "{conference}");
        assert!(page_text(kinds::find("report"), "ar", day()).contains("عنوان التقرير"));
        assert!(page_text(kinds::find("statement"), "ku", day()).contains("1. Daxwaza yekem."));
        assert!(page_text(None, "ckb", day()).contains("title = \"ناونیشانی پەڕە\""));
    }

    #[test]
    fn kinds_are_read_with_a_suggestion_for_typos() {
        assert_eq!(
            parse_kind("Report").unwrap().map(|k| k.name),
            Some("report")
        );
        assert!(parse_kind("page").unwrap().is_none());
        let ScaffoldError::Usage { message, hint } = parse_kind("reprot").unwrap_err() else {
            panic!("a typo is a usage error");
        };
        assert!(message.contains("`reprot`"), "{message}");
        assert!(hint.contains("did you mean `report`?"), "{hint}");
        let ScaffoldError::Usage { hint, .. } = parse_kind("blog").unwrap_err() else {
            panic!("an unknown kind is a usage error");
        };
        assert!(!hint.contains("did you mean"), "{hint}");
        assert!(hint.contains("page, about, report, conference, statement"));
    }

    #[test]
    fn path_stays_inside_content() {
        assert_eq!(
            content_folder("reports/geneva-2024").unwrap(),
            "reports/geneva-2024"
        );
        assert_eq!(content_folder("./news/launch/").unwrap(), "news/launch");
        for bad in [
            "../x",
            "reports/../../x",
            "/tmp/x",
            "",
            ".",
            "content/reports/x",
            "reports/x.md",
            "reports/.hidden",
        ] {
            let error = content_folder(bad).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{bad}: {error}");
        }
        let error = content_folder("content/reports/x").unwrap_err().to_string();
        assert!(error.contains("write `reports/x`"), "{error}");
    }
}
