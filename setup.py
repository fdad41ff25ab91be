"""Only what pyproject.toml cannot say: the packages under toetsing/ plus toetsing.regelsets,
which is the folder regels/ (package-dir in pyproject.toml)."""
from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["toetsing", "toetsing.*"]), "toetsing.regelsets"])
