from __future__ import annotations

from pathlib import Path

import click

from ._common import handle_errors


@click.command("import-framework")
@click.argument("fmt", metavar="FORMAT",
                type=click.Choice(["samm", "dsomm", "ciso-assistant"]))
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="Folder to write into: a new assessment folder, or an existing one to "
              "add to (mapping sets, say).")
@click.option("--force", is_flag=True, help="Replace files the import would overwrite.")
@handle_errors
def import_framework(fmt: str, source: Path, out: Path, force: bool) -> None:
    """Import a published model: OWASP SAMM, OWASP DSOMM or a CISO Assistant library.

    Writes the product's own files into OUTPUT: frameworks/ (the framework, its mapping
    sets), questionnaires/ and an assessment.yaml that scores them as they stand, then
    lists on stderr what the source holds that could not be carried.

    \b
    Example:
      assess import-framework samm work/imports/samm-model -o work/samm-review
      assess import-framework ciso-assistant work/imports/mini-controls.yml -o work/mini
      assess import-framework ciso-assistant work/imports/mini-mapping.yml -o work/mini
      assess crosswalk work/mini --to nist-csf-2.0
      assess import-framework dsomm work/imports/dsomm-model.yml -o work/dsomm-review
    """
    from assess.importers import importer
    from assess.importers.output import write_imported

    imported = importer(fmt)(source)
    written = write_imported(imported, out, force=force)
    click.echo(f"imported {imported.source} into {out}: "
               + ", ".join(f"{n} {what}" for what, n in imported.counts.items()))
    for rel in written:
        click.echo(f"  wrote {rel}")
    for note in imported.notes:
        click.echo(f"note: {note}", err=True)
