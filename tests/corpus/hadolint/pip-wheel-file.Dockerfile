FROM python:3.12-slim
WORKDIR /app
COPY dist/ dist/
RUN pip install --no-cache-dir dist/app-1.0.0-py3-none-any.whl
USER 10001
