"""Build the learner wheel: of ``materials`` only the data package, not the generators."""

from setuptools import setup
from setuptools.command.build_py import build_py

#: the only module of ``materials`` learners need (it finds the data folder)
_MATERIALS_MODULES = {"__init__"}


class LearnerBuildPy(build_py):
    """``build_py`` that leaves the data generators of ``materials`` out of the wheel."""

    def find_package_modules(self, package: str, package_dir: str) -> list:
        """Return the modules to build, without ``materials``' generators."""
        modules = super().find_package_modules(package, package_dir)
        return [m for m in modules if package != "materials" or m[1] in _MATERIALS_MODULES]


setup(cmdclass={"build_py": LearnerBuildPy})
