FROM python:3.12-slim
RUN pip uninstall -y setuptools
USER 10001
