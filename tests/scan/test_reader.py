"""Reading cards off photos with the real OCR engine (about a second a card, so a few only),
the reader's refusals, and the engine built once, thread-safely, offline."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import pytest
from PIL import Image

from netdesk.scan import ocr
from netdesk.scan.available import NOT_INSTALLED, heic_supported, missing_scanner
from netdesk.scan.images import load_rgb
from netdesk.scan.outline import card_pictures, find_cards, squared
from netdesk.scan.reader import ScanError, scan_data, scan_file
from netdesk.scan.upright import read_upright
from tests.scan.drawn_cards import ANA, card, jpeg, on_table
from tests.scan.rendered import FOLDER, photo

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("angle", [180, 270])
def test_a_card_lying_upside_down_or_on_its_side_is_read_upright(angle: int) -> None:
    photo = on_table([card()], [(0.5, 0.5, 0.5, angle + 6)], tilt=0.08)
    [quad] = find_cards(photo)
    picture, lines = read_upright(squared(photo, quad))
    height, width = picture.shape[:2]
    assert width > height
    assert [line.text for line in lines] == list(ANA)
    name = lines[0]
    assert name.top < lines[1].top and name.height > lines[1].height  # the layout kept
    assert all(line.left >= 0 and line.right <= width + 1 for line in lines)


def test_an_upside_down_card_with_a_line_read_unsurely_is_read_again_upright() -> None:
    # A flatbed scan upside down: read as it lies, the recogniser turned every line but the
    # email ("Edoe eu", read upside down); the card is read again the right way up.
    shown = photo("200_de_flatbed.jpg")
    [picture] = card_pictures(load_rgb(shown.path.read_bytes(), shown.file))
    _, lines = read_upright(picture)
    assert "E doerte_quandtmeyer@steinbach-consulting.eu" in [line.text for line in lines]
    assert lines[0].text == "Steinbach Consulting SE"


def test_a_blurred_card_wrongly_taken_for_upside_down_keeps_its_surer_reading() -> None:
    # The orientation model calls this blurred, upright card upside down; read turned, it
    # gives garbage, so the reading as it lies is kept.
    shown = photo("201_en_table.jpg")
    [picture] = card_pictures(load_rgb(shown.path.read_bytes(), shown.file))
    _, lines = read_upright(picture)
    assert lines[0].text == "Brightwater Holdings Limited"
    assert "Leah Lindqvist" in [line.text for line in lines]


def test_a_photo_without_a_card_gives_no_card_and_says_what_it_does(tmp_path: Path) -> None:
    path = tmp_path / "table.jpg"
    path.write_bytes(jpeg(on_table([], [], size=(1200, 900))))
    said: list[str] = []
    assert scan_file(path, progress=said.append) == []
    assert said == ["Opening table.jpg…", "Finding the card…", "Reading the text…"]


def test_pictures_that_cannot_be_read_are_scan_errors_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match=r"^clipboard: the file is empty \(0 bytes\)\.$"):
        scan_data(b"", "clipboard")
    (tmp_path / "IMG_1.jpg").write_bytes(b"GIF89a but not really")
    with pytest.raises(ScanError, match=r"IMG_1\.jpg: not a picture netdesk can read"):
        scan_file(tmp_path / "IMG_1.jpg")
    with pytest.raises(ScanError, match=r": this is a folder, not a picture\.$"):
        scan_file(tmp_path)


def test_the_scanner_can_be_declared_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    assert missing_scanner() is None
    assert heic_supported()
    monkeypatch.setenv("NETDESK_NO_SCANNER", "1")
    assert missing_scanner() == NOT_INSTALLED
    assert "pip install 'netdesk[scan]'" in NOT_INSTALLED
    with pytest.raises(ScanError, match=r"^photo\.jpg: The card scanner is not installed\."):
        scan_data(jpeg(card()), "photo.jpg")


def test_the_engine_is_built_once_for_threads_asking_together_with_a_thread_a_core() -> None:
    built: list[object] = []
    start = threading.Barrier(3)

    def ask() -> None:
        start.wait()
        built.append(ocr.engine())

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(built) == 3 and built[0] is built[1] is built[2]
    assert ocr.engine_params()["EngineConfig.onnxruntime.intra_op_num_threads"] == ocr.cores()
    detector = built[0].text_det or built[0]._load_det_model()  # type: ignore[attr-defined]
    options = detector.session.session.get_session_options()
    assert options.intra_op_num_threads == ocr.cores()


NO_NETWORK_SCRIPT = """
import json, sys
from pathlib import Path
from tests.network_guard import no_network
with no_network() as tried:
    from netdesk.scan.upright import read_upright
    from netdesk.scan.images import load_rgb, read_path
    from netdesk.scan.outline import whole
    picture, lines = read_upright(whole(load_rgb(read_path(Path(sys.argv[1])), "card")))
print(json.dumps({"tried": tried, "lines": [line.text for line in lines]}))
"""


def _files_under(folder: Path) -> set[str]:
    return {str(path) for path in folder.rglob("*")}


def test_a_first_scan_in_a_fresh_process_fetches_nothing_and_writes_nothing(
    tmp_path: Path,
) -> None:
    import rapidocr

    package = Path(rapidocr.__file__).parent
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    photo = tmp_path / "card.jpg"
    photo.write_bytes(jpeg(card()))
    package_before = _files_under(package)
    environment = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "TMPDIR": str(work),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    done = subprocess.run(
        [sys.executable, "-c", NO_NETWORK_SCRIPT, str(photo)],
        cwd=work,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["tried"] == []
    assert result["lines"] == list(ANA)
    assert done.stderr == ""
    assert _files_under(home) == set() and _files_under(work) == set()
    assert _files_under(package) == package_before  # no model, list or font fetched into it


def test_a_photo_of_a_card_is_read_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "IMG_1.jpg"
    path.write_bytes(jpeg(on_table([card()], [(0.45, 0.55, 0.5, -8)], tilt=0.1)))
    [scanned] = scan_file(path, region="DE")
    assert (scanned.source, scanned.index) == ("IMG_1.jpg", 0)
    assert [line.text for line in scanned.lines] == list(ANA)
    assert scanned.fields.name == "Ana Lima"
    assert scanned.fields.emails == ["ana.lima@example.de"]
    assert [phone.kind for phone in scanned.fields.phones] == ["mobile"]
    picture = Image.open(io.BytesIO(scanned.image))
    assert picture.format == "JPEG"
    assert picture.size == (scanned.width, scanned.height)
    assert 1.6 < scanned.width / scanned.height < 1.9


def test_two_cards_on_one_rendered_photo_are_two_contacts() -> None:
    shown = photo("092_de+fr_two.jpg")
    cards = scan_data(shown.path.read_bytes(), str(shown.path))
    assert [card.index for card in cards] == [0, 1]
    assert {card.source for card in cards} == {"092_de+fr_two.jpg"}
    assert sorted(card.fields.name for card in cards) == sorted(
        truth.truth["name"] for truth in shown.cards
    )


def test_two_threads_scanning_at_once_both_read_their_card() -> None:
    data = jpeg(on_table([card()], [(0.5, 0.5, 0.5, 4)], size=(1600, 1200)))
    shown = warnings.showwarning
    results: list[list[str]] = []
    start = threading.Barrier(2)

    def scan() -> None:
        start.wait()
        [scanned] = scan_data(data, "IMG_1.jpg")
        results.append(scanned.fields.emails)

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert results == [["ana.lima@example.de"], ["ana.lima@example.de"]]
    # Decoding keeps Pillow's warnings in while it runs ("always", recorded), and leaves the
    # process's handling as it was (the modules imported meanwhile add their own filters).
    assert warnings.showwarning is shown
    left_on = [item for item in warnings.filters if item[0] == "always" and item[2] is Warning]
    assert left_on == []


def test_a_blurred_line_read_as_garbage_is_read_again_from_its_own_box() -> None:
    # Read with the whole card, the blurred phone line of this flatbed scan came out as
    # "P0 6 862" (score 0.56); its box alone reads both numbers.
    (card,) = scan_file(FOLDER / "019_fr_flatbed.jpg")
    assert {p.number.replace(" ", "") for p in card.fields.phones} >= {"+33155373103"}
    assert len(card.fields.phones) == 2
