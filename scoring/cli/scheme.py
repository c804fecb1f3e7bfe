"""The commands about schemes and forms: ``validate`` (is a template sound?), ``form`` (a blank
submission form for a scheme) and ``demo`` (the demo submissions to try everything on)."""

from __future__ import annotations

from pathlib import Path

from scoring.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    check_inputs_exist,
    in_both,
    print_error,
    print_said,
    say,
    writable_path,
)
from scoring.core.presentation import Said, counted, joined, kind_label, level_label, said, scheme_label
from scoring.io.template import TemplateError, load_template, synergy_balance_warnings


def command_validate(args) -> int:
    """Check every template given; each is reported, valid or with its problems."""
    check_inputs_exist(args.template)
    code = EXIT_OK
    for path in args.template:
        try:
            scheme = load_template(path)
        except TemplateError as exc:
            print_error(exc.said, args.message_lang)
            code = EXIT_USAGE
            continue
        kinds: dict[str, int] = {}
        for c in scheme.criteria:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        counts = [said("cli_kind_count", n=n, kind=in_both(kind_label, kind)) for kind, n in kinds.items()]
        say("cli_valid", args.message_lang, path=path, scheme=in_both(scheme_label, scheme),
            version=scheme.version, level=in_both(level_label, scheme.level),
            criteria=counted(len(scheme.criteria), "criterion"),
            kinds=joined(counts),
            dimensions=counted(len(scheme.dimensions), "dimension"))
        for warning in synergy_balance_warnings(scheme):  # advice on the method: never a failure
            message = Said(f"{path}: {warning.text('en')}", f"{path}：{warning.text('zh')}")
            print_said(said("cli_warning", message=message), args.message_lang)
    return code


def command_form(args) -> int:
    """Write the blank submission form of the template's scheme."""
    from scoring.io.form import write_blank_form

    check_inputs_exist([args.template])
    scheme = load_template(args.template)
    out = writable_path(args.out, "--out")
    write_blank_form(scheme, out)
    say("cli_wrote_form", args.message_lang, scheme=in_both(scheme_label, scheme), version=scheme.version,
        path=out)
    return EXIT_OK


def command_demo(args) -> int:
    """Write the demo submissions and the forms of the pilots' next round."""
    from scoring.build.demo import write_demo
    from scoring.build.demo_rounds import FOLDER, write_second_round

    paths = write_demo(Path(args.out))
    later = write_second_round(Path(args.out))
    say("cli_wrote_demo", args.message_lang, files=counted(len(paths), "demo_file"), folder=args.out,
        forms=counted(len(later), "form"), later_folder=Path(args.out) / FOLDER)
    return EXIT_OK
