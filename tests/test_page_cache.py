"""The page cache: pages are kept per settings version, read at most once a second."""

from kiosk.page_cache import SettingsVersion


def test_the_settings_version_is_read_once_per_interval():
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    version = SettingsVersion(read, seconds=3600)
    assert version() == 1 and version() == 1
    assert len(reads) == 1
    assert SettingsVersion(read, seconds=0)() == 2
