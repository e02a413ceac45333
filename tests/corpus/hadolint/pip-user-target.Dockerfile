FROM python:3.12-slim
RUN pip install --no-cache-dir --target /opt/lib requests==2.32.3
USER 10001
