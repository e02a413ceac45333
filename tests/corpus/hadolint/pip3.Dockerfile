FROM python:3.12-slim
RUN pip3 install --no-cache-dir requests==2.32.3
USER 10001
